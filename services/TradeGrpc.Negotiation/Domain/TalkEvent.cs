using TradeGrpc.Identity;

namespace TradeGrpc.Negotiation.Domain;

public enum TalkEventKind
{
    NegotiationCreated = 1,
    DelegationSet = 2,
    RoundScheduled = 3,
    RoundStarted = 4,
    RoundEnded = 5,
    RoundCancelled = 6,
    IssueRaised = 7,
    PositionRecorded = 8,
    IssueStatusChanged = 9,
    DraftProposed = 10,
    CommitmentRecorded = 11,
    CommitmentStatusChanged = 12,
    PurchasesRecorded = 13,
    StatementRecorded = 14,
    ConcessionRequested = 15,
    ConcessionDelivered = 16,
    ConcessionRejected = 17,
}

/// <summary>A change to the talks, as the rule that made it describes it; the timeline numbers it when it is stored.</summary>
public sealed record TalkEvent(TalkEventKind Kind, string Subject, string Summary);

/// <summary>An event as the timeline holds it, with who caused it (unknown for events recorded before actors were).</summary>
public sealed record StoredEvent(long Sequence, string NegotiationId, TalkEventKind Kind, string Subject, DateTimeOffset Time, string Summary, Actor? Actor = null);
