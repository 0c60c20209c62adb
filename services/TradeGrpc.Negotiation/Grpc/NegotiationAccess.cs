using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Security;
using static TradeGrpc.Identity.Permissions;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>
/// The permission each RPC of the negotiation service needs. Recording the talks is talks.write;
/// making a commitment official and carrying out a concession is commitments.officiate. A
/// negotiator whose token names a party records for that party only: see the handlers.
/// </summary>
internal static class NegotiationAccess
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Talks = NegotiationService.Descriptor;

    public static AccessTable Table() => new()
    {
        // The no-op baseline: as hard to reach as the cheapest read of the talks, no harder.
        { DiagnosticsService.Descriptor, nameof(DiagnosticsService.DiagnosticsServiceBase.Ping), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.CreateNegotiation), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetNegotiation), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListNegotiations), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.SetDelegation), TalksWrite },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.ScheduleRound), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.StartRound), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordRoundOutcome), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.CancelRound), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetRound), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListRounds), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.RaiseIssue), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordPosition), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.NarrowIssue), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ResolveIssue), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.DropIssue), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ReopenIssue), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetIssue), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListIssues), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.ProposeDraft), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetDraftVersion), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListDraftVersions), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.CompareDrafts), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.RevertDraft), TalksWrite },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordCommitment), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ProposeCommitment), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.MakeCommitmentOfficial), CommitmentsOfficiate },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.FulfillCommitment), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.WithdrawCommitment), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.BreakCommitment), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetCommitment), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListCommitments), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordPurchases), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetCommitmentProgress), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordTradePurchases), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetPurchaseProgress), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.RecordStatement), TalksWrite },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetStatement), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListStatements), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.ListEvents), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.WatchNegotiation), TalksRead },

        { Talks, nameof(NegotiationService.NegotiationServiceBase.GetDealImpact), TalksRead },
        { Talks, nameof(NegotiationService.NegotiationServiceBase.ImplementConcession), CommitmentsOfficiate },
    };
}
