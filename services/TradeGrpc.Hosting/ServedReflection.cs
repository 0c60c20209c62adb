using System.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace TradeGrpc.Hosting;

/// <summary>
/// Reflection that also serves google/rpc/error_details.proto. A status's details travel as
/// <c>google.protobuf.Any</c>, which grpcurl and buf curl print as JSON only when reflection can
/// resolve the type URL's message (<c>google.rpc.ErrorInfo</c>, <c>BadRequest</c>, ...); no service
/// names those types, so the reflection that Grpc.AspNetCore gathers from the services alone does
/// not know them and the details print as base64.
/// </summary>
internal static class ServedReflection
{
    /// <summary>Registers both reflection versions over the mapped services' files and the error details' file; call before AddGrpcReflection, whose own registrations then stand aside.</summary>
    public static IServiceCollection AddReflectionWithErrorDetails(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => Contracts(sp.GetRequiredService<EndpointDataSource>()));
        services.TryAddSingleton(sp =>
        {
            var contracts = sp.GetRequiredService<ReflectedContracts>();
            return new ReflectionServiceImpl(contracts.Services, contracts.Symbols);
        });
        services.TryAddSingleton(sp =>
        {
            var contracts = sp.GetRequiredService<ReflectedContracts>();
            return new ReflectionV1ServiceImpl(contracts.Services, contracts.Symbols);
        });
        return services.AddGrpcReflection();
    }

    private static ReflectedContracts Contracts(EndpointDataSource endpoints)
    {
        var descriptors = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.ServiceType)
            .OfType<Type>()
            .Distinct()
            .Select(Descriptor)
            .OfType<ServiceDescriptor>()
            .ToList();
        return new ReflectedContracts(
            [.. descriptors.Select(d => d.FullName)],
            SymbolRegistry.FromFiles(descriptors.Select(d => d.File).Append(ErrorDetailsReflection.Descriptor)));
    }

    /// <summary>The generated descriptor of a service implementation: the static Descriptor of the class its BindServiceMethod attribute names.</summary>
    private static ServiceDescriptor? Descriptor(Type service) =>
        service.GetCustomAttribute<BindServiceMethodAttribute>(inherit: true)?.BindType
            .GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;

    private sealed record ReflectedContracts(IReadOnlyList<string> Services, SymbolRegistry Symbols);
}
