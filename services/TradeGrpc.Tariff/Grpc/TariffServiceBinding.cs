using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// Binds <see cref="TariffGrpcService"/> as its generated code does, with QuoteDuty's answers written by
/// <see cref="QuoteAnswerWriter"/> and LookupRates' by <see cref="KeptAnswers"/> (see <see cref="LookupAnswers"/>). Named on the service by <see cref="BindServiceMethodAttribute"/>, which gRPC and
/// JSON transcoding both follow.
/// </summary>
public static class TariffServiceBinding
{
    /// <summary>The service's descriptor, which JSON transcoding reads from the type that binds the service.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => TariffService.Descriptor;

    public static void BindService(ServiceBinderBase binder, TariffService.TariffServiceBase service) =>
        TariffService.BindService(new ResponseWriterBinder(binder).With<QuoteDutyResponse>(QuoteAnswerWriter.Write).With<LookupRatesResponse>(KeptAnswers.Write), service);
}
