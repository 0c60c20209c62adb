namespace TradeGrpc.Negotiation.Domain.Talks;

public sealed record MemberRecord(string Name, string Title, string Office, bool Lead);

public sealed record DelegationRecord(string Party, IReadOnlyList<MemberRecord> Members);

public sealed record RoundRecord(
    int Number,
    string VenueCity,
    string VenueCountry,
    RoundFormatKind Format,
    DateOnly Start,
    DateOnly? End,
    IReadOnlyList<string> Participants,
    RoundStatus Status,
    RoundOutcomeKind? Outcome,
    string Summary,
    long Version);

public sealed record PositionRecord(string Party, StanceKind Stance, string Text, DateOnly? Date);

public sealed record IssueRecord(int Number, string Title, IssueCategoryKind Category, string DemandedBy, IssueStatusKind Status, IReadOnlyList<PositionRecord> Positions);

public sealed record ProvisionRecord(string Key, string Title, string Text, ProvisionStatusKind Status, IReadOnlyList<string> Commitments);

public sealed record DraftRecord(int Version, int BasedOn, string Label, IReadOnlyList<ProvisionRecord> Provisions, int RevertedTo, DateTimeOffset CreateTime);

public sealed record PurchaseTermsRecord(string Category, DateOnly PeriodStart, DateOnly PeriodEnd, decimal? BaselineUsd, decimal? TargetUsd);

public sealed record PurchaseEntry(DateOnly PeriodStart, DateOnly PeriodEnd, decimal AmountUsd, string Source);

public sealed record ConcessionRecord(string Measure, ConcessionActionKind Action, decimal? RatePercent, DateOnly EffectiveDate);

public sealed record DeliveryRecord(DeliveryStatus Status, int Attempts, string LastError, DateTimeOffset? DeliveredTime, DateTimeOffset? NextAttemptTime);

public sealed record CommitmentRecord(
    int Number,
    string Party,
    CommitmentKindKind Kind,
    CommitmentStatusKind Status,
    string Description,
    PurchaseTermsRecord? Purchase,
    ConcessionRecord? Concession,
    IReadOnlyList<PurchaseEntry> Purchases,
    DeliveryRecord? Delivery,
    long Version);

public sealed record SpeakerRecord(string Name, string Title, string Party);

public sealed record StatementRecord(
    int Number,
    SpeakerRecord Speaker,
    AttributionKind Attribution,
    string Quote,
    DateOnly Date,
    string Source,
    IReadOnlyList<string> Issues,
    IReadOnlyList<string> Commitments);

/// <summary>Everything recorded about one negotiation's talks, stored with it as one document.</summary>
public sealed record TalksRecord(
    IReadOnlyList<DelegationRecord> Delegations,
    IReadOnlyList<RoundRecord> Rounds,
    IReadOnlyList<IssueRecord> Issues,
    IReadOnlyList<DraftRecord> Drafts,
    IReadOnlyList<CommitmentRecord> Commitments,
    IReadOnlyList<StatementRecord> Statements)
{
    public static TalksRecord Empty { get; } = new([], [], [], [], [], []);
}

/// <summary>A change to record in the timeline.</summary>
public sealed record EventDraft(EventKindValue Kind, string Subject, string Summary);

/// <summary>An event as the timeline holds it.</summary>
public sealed record StoredEvent(long Sequence, string NegotiationId, EventKindValue Kind, string Subject, DateTimeOffset Time, string Summary);
