using Google.Protobuf.WellKnownTypes;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>Translates the talks between messages and the domain.</summary>
internal static class TalkMapping
{
    public static V1.Negotiation ToMessage(this NegotiationRecord record) => new()
    {
        Name = record.Name,
        Title = record.Title,
        Parties = { record.Parties },
        State = (NegotiationState)record.Status,
        CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(record.UpdateTime),
        Etag = record.Etag,
        Delegations =
        {
            record.Talks.Delegations.Select(d => new Delegation
            {
                Party = d.Party,
                Members = { d.Members.Select(m => new DelegationMember { Name = m.Name, Title = m.Title, Office = m.Office, Lead = m.Lead }) },
            }),
        },
    };

    public static DelegationRecord ToRecord(this Delegation delegation) =>
        new(delegation.Party, [.. delegation.Members.Select(m => new MemberRecord(m.Name, m.Title, m.Office, m.Lead))]);

    public static Round ToMessage(this RoundRecord round, string negotiation) => new()
    {
        Name = ChildName.Of(negotiation, ChildName.Rounds, round.Number),
        VenueCity = round.VenueCity,
        VenueCountry = round.VenueCountry,
        Format = (RoundFormat)round.Format,
        StartDate = round.Start.ToProtoDate(),
        EndDate = round.End?.ToProtoDate(),
        Participants = { round.Participants },
        State = (RoundState)round.Status,
        Outcome = (RoundOutcome)(round.Outcome ?? 0),
        Summary = round.Summary,
        Etag = $"\"{round.Version}\"",
    };

    public static RoundRecord ToRecord(this Round round) => new(0, round.VenueCity, round.VenueCountry, (RoundFormatKind)round.Format,
        round.StartDate.ToDateOnly("round.start_date"), round.EndDate?.ToDateOnly("round.end_date"), [.. round.Participants],
        RoundStatus.Scheduled, null, "", 0);

    public static Issue ToMessage(this IssueRecord issue, string negotiation) => new()
    {
        Name = ChildName.Of(negotiation, ChildName.Issues, issue.Number),
        Title = issue.Title,
        Category = (IssueCategory)issue.Category,
        DemandedBy = issue.DemandedBy,
        Status = (V1.IssueStatus)issue.Status,
        Positions =
        {
            issue.Positions.Select(p => new Position { Party = p.Party, Stance = (Stance)p.Stance, Text = p.Text, Date = p.Date?.ToProtoDate() }),
        },
    };

    public static PositionRecord ToRecord(this Position position) =>
        new(position.Party, (StanceKind)position.Stance, position.Text, position.Date?.ToDateOnly("position.date"));

    public static DraftVersion ToMessage(this DraftRecord draft, string negotiation) => new()
    {
        Name = ChildName.Of(negotiation, ChildName.Drafts, draft.Version),
        Version = draft.Version,
        BasedOn = draft.BasedOn,
        Label = draft.Label,
        Provisions = { draft.Provisions.Select(ToMessage) },
        Progress = Drafts.Progress(draft).ToMessage(),
        RevertedTo = draft.RevertedTo,
        CreateTime = Timestamp.FromDateTimeOffset(draft.CreateTime),
    };

    public static DraftProgress ToMessage(this DraftProgressValue progress) =>
        new() { Agreed = progress.Agreed, Total = progress.Total, AgreedPercent = (double)progress.AgreedPercent };

    public static Provision ToMessage(this ProvisionRecord provision) => new()
    {
        Key = provision.Key, Title = provision.Title, Text = provision.Text, Status = (V1.ProvisionStatus)provision.Status, Commitments = { provision.Commitments },
    };

    public static DraftRecord ToRecord(this DraftVersion draft) => new(0, draft.BasedOn, draft.Label,
        [.. draft.Provisions.Select(p => new ProvisionRecord(p.Key, p.Title, p.Text, (ProvisionStatusKind)p.Status, [.. p.Commitments]))], 0, default);

    public static Commitment ToMessage(this CommitmentRecord commitment, string negotiation) => new()
    {
        Name = ChildName.Of(negotiation, ChildName.Commitments, commitment.Number),
        Party = commitment.Party,
        Kind = (CommitmentKind)commitment.Kind,
        Status = (CommitmentStatus)commitment.Status,
        Description = commitment.Description,
        Purchase = commitment.Purchase is { } p
            ? new PurchaseTerms
            {
                Category = p.Category, PeriodStart = p.PeriodStart.ToProtoDate(), PeriodEnd = p.PeriodEnd.ToProtoDate(),
                Baseline = p.BaselineUsd?.ToUsd(), Target = p.TargetUsd?.ToUsd(),
            }
            : null,
        Concession = commitment.Concession is { } c
            ? new TariffConcession
            {
                Measure = c.Measure, Action = (ConcessionAction)c.Action, RatePercent = c.RatePercent?.ToProtoDecimal(), EffectiveDate = c.EffectiveDate.ToProtoDate(),
            }
            : null,
        Delivery = commitment.Delivery is { } d
            ? new ConcessionDelivery
            {
                State = (DeliveryState)d.Status,
                Attempts = d.Attempts,
                LastError = d.LastError,
                DeliveredTime = d.DeliveredTime is { } delivered ? Timestamp.FromDateTimeOffset(delivered) : null,
                NextAttemptTime = d.NextAttemptTime is { } next ? Timestamp.FromDateTimeOffset(next) : null,
            }
            : null,
        Etag = $"\"{commitment.Version}\"",
    };

    public static CommitmentRecord ToRecord(this Commitment commitment) => new(0, commitment.Party, (CommitmentKindKind)commitment.Kind,
        (CommitmentStatusKind)commitment.Status, commitment.Description,
        commitment.Purchase is { } p
            ? new PurchaseTermsRecord(p.Category, p.PeriodStart.ToDateOnly("commitment.purchase.period_start"),
                p.PeriodEnd.ToDateOnly("commitment.purchase.period_end"), p.Baseline?.ToDecimal(), p.Target?.ToDecimal())
            : null,
        commitment.Concession is { } c
            ? new ConcessionRecord(c.Measure, (ConcessionActionKind)c.Action, c.RatePercent?.ToDecimal("commitment.concession.rate_percent"),
                c.EffectiveDate.ToDateOnly("commitment.concession.effective_date"))
            : null,
        [], null, 0);

    public static CommitmentProgress ToMessage(this CommitmentProgressValue progress, string name) => new()
    {
        Commitment = name,
        Target = progress.TargetUsd?.ToUsd(),
        Fulfilled = progress.FulfilledUsd.ToUsd(),
        FulfilledPercent = (double)progress.FulfilledPercent,
        Purchases =
        {
            progress.Commitment.Purchases.Select(p => new PurchaseRecord
            {
                PeriodStart = p.PeriodStart.ToProtoDate(), PeriodEnd = p.PeriodEnd.ToProtoDate(), Amount = p.AmountUsd.ToUsd(), Source = p.Source,
            }),
        },
    };

    public static Statement ToMessage(this StatementRecord statement, string negotiation) => new()
    {
        Name = ChildName.Of(negotiation, ChildName.Statements, statement.Number),
        Speaker = new Speaker { Name = statement.Speaker.Name, Title = statement.Speaker.Title, Party = statement.Speaker.Party },
        Attribution = (Attribution)statement.Attribution,
        Quote = statement.Quote,
        Date = statement.Date.ToProtoDate(),
        Source = statement.Source,
        Issues = { statement.Issues },
        Commitments = { statement.Commitments },
    };

    public static StatementRecord ToRecord(this Statement statement) => new(0,
        new SpeakerRecord(statement.Speaker.Name, statement.Speaker.Title, statement.Speaker.Party), (AttributionKind)statement.Attribution,
        statement.Quote, statement.Date.ToDateOnly("statement.date"), statement.Source, [.. statement.Issues], [.. statement.Commitments]);

    public static NegotiationEvent ToMessage(this StoredEvent stored) => new()
    {
        Sequence = stored.Sequence,
        Negotiation = $"{NegotiationRecord.CollectionId}/{stored.NegotiationId}",
        Kind = (EventKind)stored.Kind,
        Subject = stored.Subject,
        EventTime = Timestamp.FromDateTimeOffset(stored.Time),
        Summary = stored.Summary,
    };
}
