using Microsoft.Extensions.DependencyInjection;
using ProtoValidate;

namespace TradeGrpc.Validation;

public static class ValidationExtensions
{
    /// <summary>Protovalidate, its compiled fast path, and the interceptor that checks every request with them.</summary>
    public static IServiceCollection AddRequestValidation(this IServiceCollection services)
    {
        services.AddProtoValidate();
        services.AddSingleton<FastValidator>();
        services.AddSingleton<ValidationInterceptor>();
        return services;
    }
}
