using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>
/// Where each method's request holds what the domain names its fields from (<c>EndDate</c> of
/// ScheduleRound is <c>round.end_date</c>), and the domain's names the contract spells otherwise.
/// </summary>
internal sealed class RequestFields() : RequestFieldMap(
    new Dictionary<string, string>
    {
        [Method(nameof(NegotiationService.NegotiationServiceBase.CreateNegotiation))] = "negotiation",
        [Method(nameof(NegotiationService.NegotiationServiceBase.SetDelegation))] = "delegation",
        [Method(nameof(NegotiationService.NegotiationServiceBase.ScheduleRound))] = "round",
        [Method(nameof(NegotiationService.NegotiationServiceBase.ProposeDraft))] = "draft",
        [Method(nameof(NegotiationService.NegotiationServiceBase.RecordCommitment))] = "commitment",
        [Method(nameof(NegotiationService.NegotiationServiceBase.RecordPurchases))] = "purchase",
    },
    new Dictionary<string, string>
    {
        ["PeriodStart"] = "start_date",
        ["PeriodEnd"] = "end_date",
        ["AmountUsd"] = "amount",
        ["HsCode"] = "hs_code",
    })
{
    private static string Method(string name) => $"/{NegotiationService.Descriptor.FullName}/{name}";
}
