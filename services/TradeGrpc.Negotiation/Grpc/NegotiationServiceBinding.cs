using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>
/// Binds <see cref="NegotiationGrpcService"/> as its generated code does, with the answers it reads from the cache
/// written by <see cref="KeptAnswers"/>. Named on the service by <see cref="BindServiceMethodAttribute"/>, which gRPC and
/// JSON transcoding both follow.
/// </summary>
public static class NegotiationServiceBinding
{
    /// <summary>The service's descriptor, which JSON transcoding reads from the type that binds the service.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => NegotiationService.Descriptor;

    public static void BindService(ServiceBinderBase binder, NegotiationService.NegotiationServiceBase service) =>
        NegotiationService.BindService(new ResponseWriterBinder(binder).WithKeptAnswers(), service);
}
