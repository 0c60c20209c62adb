using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProtoValidate;
using TradeGrpc.ServiceDefaults.Errors;
using TradeGrpc.ServiceDefaults.Health;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.ServiceDefaults.Validation;

namespace TradeGrpc.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// gRPC with the error and validation interceptors, reflection, and grpc.health.v1 for ""
    /// and each of <paramref name="serviceNames"/>, healthy while the <see cref="IStoreProbe"/> answers.
    /// </summary>
    /// <param name="builder">The service host being built.</param>
    /// <param name="errorDomain">The ErrorInfo domain of this service's errors.</param>
    /// <param name="serviceNames">Full names of the gRPC services this host serves.</param>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string errorDomain, params string[] serviceNames)
    {
        var services = builder.Services;
        services.Configure<HostOptions>(builder.Configuration.GetSection("Host"));
        services.AddSingleton(new ErrorDetails(errorDomain));
        services.AddProtoValidate();
        services.AddSingleton<FastValidator>();
        // Registered, the interceptors are made once; unregistered, gRPC would make them for every call.
        services.AddSingleton<ErrorInterceptor>();
        services.AddSingleton<ValidationInterceptor>();
        services.AddGrpc(options =>
        {
            // Errors first so that it also turns validation failures' exceptions into statuses.
            options.Interceptors.Add<ErrorInterceptor>();
            options.Interceptors.Add<ValidationInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<StoreHealthCheck>("store");
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
