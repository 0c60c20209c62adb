using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradeGrpc.Audit.V1;
using TradeGrpc.Identity;
using TradeGrpc.Security;
using TradeGrpc.Storage;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>Whether a host checks its callers. Only a benchmark builds one that does not, in code: no setting turns the check off.</summary>
public enum CallerChecks
{
    Enforced,
    Off,
}

public static class HostingDefaults
{
    /// <summary>
    /// The grpc.health.v1 name that answers SERVING while the host answers at all, whatever its store
    /// does: what a liveness probe asks, so that a store outage makes replicas unready (every other
    /// name) without getting them restarted, which would not bring the store back.
    /// </summary>
    public const string LivenessService = "liveness";

    /// <summary>
    /// gRPC with the error, access and validation interceptors, reflection, and grpc.health.v1 for
    /// "" and each service of <paramref name="access"/>, healthy while every registered health check is,
    /// and for <see cref="LivenessService"/>, healthy while the host answers.
    /// Health and reflection answer without credentials; every other method needs the permission
    /// <paramref name="access"/> declares for it.
    /// </summary>
    /// <param name="builder">The service host being built.</param>
    /// <param name="errorDomain">The ErrorInfo domain of this service's errors.</param>
    /// <param name="access">The permission each RPC of this host needs.</param>
    /// <param name="checks">Whether callers are checked: <see cref="CallerChecks.Off"/> only for a benchmark's baseline.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string errorDomain, AccessTable access,
        CallerChecks checks = CallerChecks.Enforced)
    {
        var services = builder.Services;
        builder.AddTelemetry();
        access.Add(AuditService.Descriptor, nameof(AuditService.AuditServiceBase.ListAuditEntries), Permissions.AuditRead);
        var serviceNames = access.Services.ToArray();
        services.Configure<HostOptions>(builder.Configuration.GetSection("Host"));
        services.AddSingleton(new ErrorDomain(errorDomain));
        services.TryAddSingleton<IRequestFieldMap, RequestFieldMap>();
        services.AddSingleton<ErrorStatus>();
        services.AddRequestValidation();
        foreach (var (service, method) in PublicMethods)
        {
            access.Add(service, method, AccessTable.Public);
        }

        if (checks == CallerChecks.Enforced)
        {
            builder.AddCallerAccess();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(access);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<StoreSecrets>();
        services.AddSingleton<PageToken>();
        // Registered, the interceptors and the services are made once; unregistered, gRPC would make them for every
        // call, resolving each dependency again. No service holds anything of a call, and every dependency is a singleton.
        services.AddSingleton<AuditGrpcService>();
        services.AddSingleton<DiagnosticsGrpcService>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<ErrorInterceptor>();
        LimitsOptions.Validate(services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section));
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();
        services.AddSingleton<CallerLimits>();
        services.AddSingleton<CallerLimitsInterceptor>();
        services.AddGrpc(options =>
        {
            // The audit trail first, so that it records the status the caller sees; errors next, so
            // that refusals and validation failures become statuses; access before validation, so
            // that a caller who may not call learns nothing from the request's checks; the caller's
            // limits once the caller is known.
            options.Interceptors.Add<AuditInterceptor>();
            options.Interceptors.Add<ErrorInterceptor>();
            if (checks == CallerChecks.Enforced)
            {
                options.Interceptors.Add<AccessInterceptor>();
            }

            options.Interceptors.Add<CallerLimitsInterceptor>();

            options.Interceptors.Add<ValidationInterceptor>();
        });
        // MalformedRequests logs the calls this category would log, once and without the stack
        // traces it writes for every malformed request.
        builder.Logging.AddFilter(MalformedRequests.GrpcHandlerCategory, LogLevel.None);
        services.AddHttpSurface($"TradeGrpc {errorDomain}");
        services.AddReflectionWithErrorDetails();
        // The one check of LivenessService: with none, grpc.health.v1 would answer UNKNOWN for it.
        services.AddGrpcHealthChecks().AddCheck(LivenessService, () => HealthCheckResult.Healthy());
        services.Configure<GrpcHealthChecksOptions>(options =>
        {
            options.Services.Clear();
            foreach (var name in serviceNames.Prepend(""))
            {
                options.Services.Map(name, _ => true);
            }

            options.Services.Map(LivenessService, check => check.Name == LivenessService);
        });
        return builder;
    }

    /// <summary>
    /// Malformed requests answered as such (<see cref="MalformedRequests"/>), the host's deadline
    /// cap (<see cref="CallDeadline"/>), REST, gRPC-Web and the OpenAPI document (<see cref="HttpSurface"/>); health, the audit trail, the no-op Ping (its permission is
    /// in the host's access table), and reflection unless <c>Reflection:Enabled</c> is false.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<MalformedRequests>();
        app.UseMiddleware<CallDeadline>();
        app.MapHttpSurface();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<DiagnosticsGrpcService>();
        if (app.Configuration.GetValue("Reflection:Enabled", true))
        {
            app.MapGrpcReflectionService();
        }

        app.MapGrpcHealthChecksService();
        return app;
    }

    // What anyone may call: load balancers and grpcurl have no credentials to show.
    private static readonly (string Service, string Method)[] PublicMethods =
    [
        ("grpc.health.v1.Health", "Check"),
        ("grpc.health.v1.Health", "Watch"),
        ("grpc.health.v1.Health", "List"),
        ("grpc.reflection.v1.ServerReflection", "ServerReflectionInfo"),
        ("grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo"),
    ];
}
