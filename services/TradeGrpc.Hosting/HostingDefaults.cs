using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

public static class HostingDefaults
{
    /// <summary>
    /// gRPC with the error and validation interceptors, reflection, and grpc.health.v1 for ""
    /// and each of <paramref name="serviceNames"/>, healthy while every registered health check is.
    /// </summary>
    /// <param name="builder">The service host being built.</param>
    /// <param name="errorDomain">The ErrorInfo domain of this service's errors.</param>
    /// <param name="serviceNames">Full names of the gRPC services this host serves.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string errorDomain, params string[] serviceNames)
    {
        var services = builder.Services;
        services.Configure<HostOptions>(builder.Configuration.GetSection("Host"));
        services.AddSingleton(new ErrorDomain(errorDomain));
        services.TryAddSingleton<IRequestFieldMap, RequestFieldMap>();
        services.AddSingleton<ErrorStatus>();
        services.AddRequestValidation();
        // Registered, the interceptors are made once; unregistered, gRPC would make them for every call.
        services.AddSingleton<ErrorInterceptor>();
        services.AddGrpc(options =>
        {
            // Errors first, so that it also turns validation failures into statuses.
            options.Interceptors.Add<ErrorInterceptor>();
            options.Interceptors.Add<ValidationInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        services.Configure<GrpcHealthChecksOptions>(options =>
        {
            options.Services.Clear();
            foreach (var name in serviceNames.Prepend(""))
            {
                options.Services.Map(name, _ => true);
            }
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
