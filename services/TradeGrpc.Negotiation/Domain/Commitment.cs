using System.Globalization;
using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>
/// A purchase pledge: buy <see cref="TargetUsd"/> above <see cref="BaselineUsd"/> of a category over a period;
/// <see cref="AnnexCategory"/> is the Phase One agreement's category it is for, if any.
/// </summary>
public sealed record PurchaseTerms(string Category, DateOnly PeriodStart, DateOnly PeriodEnd, decimal? BaselineUsd, decimal? TargetUsd,
    PurchaseCategory? AnnexCategory = null)
{
    public bool Overlaps(PurchaseTerms other) => PeriodStart <= other.PeriodEnd && other.PeriodStart <= PeriodEnd;

    public bool Holds(DateOnly start, DateOnly end) => PeriodStart <= start && end <= PeriodEnd;
}

/// <summary>
/// Purchases actually made in a period: <see cref="AmountUsd"/> above the commitment's baseline or
/// the period's total, as <see cref="Basis"/> says; <see cref="HsCode"/> when it came from a trade figure.
/// </summary>
public sealed record Purchase(DateOnly PeriodStart, DateOnly PeriodEnd, decimal AmountUsd, string Source,
    PurchaseBasis Basis = PurchaseBasis.AboveBaseline, string HsCode = "");

/// <summary>A change to a measure on the tariff service.</summary>
public sealed record Concession(string Measure, ConcessionActionKind Action, decimal? RatePercent, DateOnly EffectiveDate);

/// <summary>Where carrying out a concession on the tariff service stands.</summary>
public sealed record Delivery(DeliveryStatus Status, int Attempts, string LastError, DateTimeOffset? DeliveredTime, DateTimeOffset? NextAttemptTime);

/// <summary>What happened when a concession was sent to the tariff service.</summary>
public enum DeliveryOutcome
{
    Delivered,
    /// <summary>The tariff service could not be reached or failed for now: try again later.</summary>
    Failed,
    /// <summary>The tariff service refused the change for good.</summary>
    Rejected,
}

/// <summary>A concession waiting to be carried out on the tariff service, with the request_id every attempt sends.</summary>
public sealed record OutboxItem(string Commitment, string RequestId, DateTimeOffset NextAttemptAt);

/// <summary>What a commitment names before it is recorded.</summary>
public sealed record CommitmentTerms(string Party, CommitmentType Type, CommitmentStatusKind Status, string Description, PurchaseTerms? Purchase, Concession? Concession);

/// <summary>Something a party promises: a purchase, a tariff concession, enforcement, access, licensing.</summary>
public sealed class Commitment(string negotiationName, int number, CommitmentTerms terms, Delivery? delivery, long version)
{
    public string NegotiationName { get; } = negotiationName;

    public int Number { get; } = number;

    public string Name => ChildName.Of(NegotiationName, ChildName.Commitments, Number);

    public string Party => Terms.Party;

    public CommitmentType Type => Terms.Type;

    public CommitmentStatusKind Status => Terms.Status;

    public CommitmentTerms Terms { get; private set; } = terms;

    public Delivery? Delivery { get; private set; } = delivery;

    /// <summary>Goes up by one with every change to the commitment.</summary>
    public long Version { get; private set; } = version;

    /// <summary>Records commitment <paramref name="number"/>: its party is a party to the talks, and a purchase or concession states its terms.</summary>
    public static (Commitment Commitment, TalkEvent Recorded) Record(Negotiation negotiation, int number, CommitmentTerms terms)
    {
        negotiation.RequireParty(terms.Party, "committing");
        switch (terms)
        {
            case { Status: not (CommitmentStatusKind.Indicated or CommitmentStatusKind.Proposed or CommitmentStatusKind.Official) }:
                throw new InvalidInputException("INITIAL_STATE", new FieldError("Status", "a commitment is recorded INDICATED, PROPOSED or OFFICIAL"));
            case { Type: CommitmentType.Purchase, Purchase: null }:
                throw new InvalidInputException("PURCHASE_TERMS_REQUIRED", new FieldError("Purchase", "a purchase commitment needs its terms"));
            case { Type: CommitmentType.TariffConcession, Concession: null }:
                throw new InvalidInputException("CONCESSION_REQUIRED", new FieldError("Concession", "a tariff concession needs its measure and action"));
            case { Concession: { Action: ConcessionActionKind.SetRate, RatePercent: null } }:
                throw new InvalidInputException("RATE_REQUIRED", new FieldError("Concession.RatePercent", "SET_RATE needs the new rate"));
            case { Purchase: { } purchase } when purchase.PeriodEnd < purchase.PeriodStart:
                throw new InvalidInputException("PERIOD_OUT_OF_ORDER", new FieldError("Purchase.PeriodEnd", "must not be before the start date"));
        }

        var commitment = new Commitment(negotiation.Name, number, terms, null, 1);
        return (commitment, new TalkEvent(TalkEventKind.CommitmentRecorded, commitment.Name,
            $"{terms.Party} commitment ({Words.Of(terms.Type)}, {Words.Of(terms.Status)}): {terms.Description}".TrimEnd(' ', ':')));
    }

    private static readonly StateMoves<CommitmentStatusKind> Moves = new("COMMITMENT_STATE", new Dictionary<CommitmentStatusKind, CommitmentStatusKind[]>
    {
        [CommitmentStatusKind.Proposed] = [CommitmentStatusKind.Indicated],
        [CommitmentStatusKind.Official] = [CommitmentStatusKind.Indicated, CommitmentStatusKind.Proposed],
        [CommitmentStatusKind.Fulfilled] = [CommitmentStatusKind.Official],
        [CommitmentStatusKind.Broken] = [CommitmentStatusKind.Official],
        [CommitmentStatusKind.Withdrawn] = [CommitmentStatusKind.Indicated, CommitmentStatusKind.Proposed, CommitmentStatusKind.Official],
    });

    /// <summary>Whether the concession may be carried out on the tariff service: only while it is an official tariff concession.</summary>
    public bool MayBeImplemented => Type == CommitmentType.TariffConcession && Status == CommitmentStatusKind.Official;

    /// <summary>
    /// Moves the commitment on: an indicated one is proposed, an indicated or proposed one made
    /// official, an official one fulfilled or broken, and any of the three withdrawn. A concession
    /// that leaves OFFICIAL before the tariff service carried it out is not sent any more.
    /// </summary>
    public TalkEvent ChangeStatus(CommitmentStatusKind status)
    {
        Moves.Check(Name, Status, status);
        var was = Status;
        Terms = Terms with { Status = status };
        var cancelled = DropPendingDelivery();
        Version++;
        var summary = $"Commitment {Number} is now {Words.Of(status)} (was {Words.Of(was)}).";
        return new TalkEvent(TalkEventKind.CommitmentStatusChanged, Name, cancelled ? $"{summary} Its concession will not be sent to the tariff service." : summary);
    }

    /// <summary>
    /// The most a purchase commitment's recorded purchases may add up to: a thousand trillion
    /// dollars, some 5,000 times China's whole Phase One pledge, and far inside what an amount of
    /// google.type.Money (int64 dollars) can state, so that the total can always be reported.
    /// </summary>
    public const decimal MaxFulfilledUsd = 1_000_000_000_000_000m;

    /// <summary>
    /// Adds purchases to a purchase commitment that has <paramref name="recorded"/> so far: one event
    /// for them all. They must count what those count (above the baseline, or totals), so that the
    /// progress adds like to like. <paramref name="amountField"/> is where the request holds the amounts.
    /// </summary>
    public TalkEvent RecordPurchases(IReadOnlyList<Purchase> purchases, IReadOnlyList<Purchase> recorded, string amountField = "AmountUsd")
    {
        RequirePurchase();
        if (purchases.FirstOrDefault(p => p.PeriodEnd < p.PeriodStart) is not null)
        {
            throw new InvalidInputException("PERIOD_OUT_OF_ORDER", new FieldError("PeriodEnd", "must not be before the start date"));
        }

        var basis = recorded.Count > 0 ? recorded[0].Basis : purchases[0].Basis;
        if (purchases.FirstOrDefault(p => p.Basis != basis) is { } other)
        {
            throw new RuleViolationException("PURCHASE_BASIS_MIXED", "BASIS", Name,
                $"{Name} records purchases {Upper.Of(basis)}; an amount {Upper.Of(other.Basis)} cannot be added to them.");
        }

        var added = purchases.Sum(p => p.AmountUsd);
        var total = recorded.Sum(p => p.AmountUsd) + added;
        if (total > MaxFulfilledUsd)
        {
            throw new InvalidInputException("AMOUNT_OUT_OF_RANGE", new FieldError(amountField,
                string.Create(CultureInfo.InvariantCulture, $"would take the purchases recorded on {Name} to {total:N0} USD, more than a commitment may record ({MaxFulfilledUsd:N0} USD)")));
        }

        Version++;
        var (start, end) = (purchases.Min(p => p.PeriodStart), purchases.Max(p => p.PeriodEnd));
        return new TalkEvent(TalkEventKind.PurchasesRecorded, Name,
            $"Purchases of ${added:N2} recorded for {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.");
    }

    /// <summary>Fails unless this is a purchase commitment.</summary>
    public void RequirePurchase()
    {
        if (Type != CommitmentType.Purchase)
        {
            throw new RuleViolationException("NOT_A_PURCHASE", "KIND", Name,
                $"{Name} is a {Upper.Of(Type)} commitment; purchases are recorded on PURCHASE commitments.");
        }
    }

    /// <summary>
    /// Asks for an official tariff concession to be carried out: the item for the outbox, sent with
    /// <paramref name="requestId"/> on every attempt. Null when it was asked for already: asking again changes nothing.
    /// </summary>
    public (TalkEvent Requested, OutboxItem Item)? RequestImplementation(string requestId, DateTimeOffset now)
    {
        if (!MayBeImplemented)
        {
            throw new RuleViolationException("NOT_AN_OFFICIAL_CONCESSION", "STATE", Name,
                $"{Name} is a {Upper.Of(Type)} commitment in state {Upper.Of(Status)}; only an OFFICIAL TARIFF_CONCESSION can be implemented.");
        }

        if (Delivery is not null)
        {
            return null;
        }

        Delivery = new Delivery(DeliveryStatus.Pending, 0, "", null, now);
        Version++;
        var concession = Terms.Concession!;
        return (new TalkEvent(TalkEventKind.ConcessionRequested, Name, $"Concession on {concession.Measure} ({Words.Of(concession.Action)}) sent to the tariff service."),
            new OutboxItem(Name, requestId, now));
    }

    /// <summary>
    /// Cancels the pending delivery of a concession that may no longer be carried out; false, and
    /// nothing changed, when there is none. Leaving OFFICIAL cancels it already: this is for an
    /// outbox item claimed before that, or stored before that rule held.
    /// </summary>
    public bool CancelDelivery()
    {
        var cancelled = DropPendingDelivery();
        if (cancelled)
        {
            Version++;
        }

        return cancelled;
    }

    /// <summary>
    /// Records one attempt to carry out the concession; an event when it ended, delivered or refused.
    /// An attempt that ends after the delivery did changes nothing, unless the tariff service carried
    /// out a concession cancelled meanwhile: then it was delivered all the same, and the record says so.
    /// </summary>
    public TalkEvent? RecordDelivery(DeliveryOutcome outcome, string error, DateTimeOffset now, DateTimeOffset nextAttempt)
    {
        var carriedOutThoughCancelled = Delivery!.Status == DeliveryStatus.Cancelled && outcome == DeliveryOutcome.Delivered;
        if (Delivery.Status != DeliveryStatus.Pending && !carriedOutThoughCancelled)
        {
            return null;
        }

        var attempt = Delivery with { Attempts = Delivery.Attempts + 1, LastError = error };
        Version++;
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                Delivery = attempt with { Status = DeliveryStatus.Delivered, DeliveredTime = now, NextAttemptTime = null };
                return new TalkEvent(TalkEventKind.ConcessionDelivered, Name, $"The tariff service carried out the concession on {Terms.Concession!.Measure}.");
            case DeliveryOutcome.Rejected:
                Delivery = attempt with { Status = DeliveryStatus.Rejected, NextAttemptTime = null };
                return new TalkEvent(TalkEventKind.ConcessionRejected, Name, $"The tariff service refused the concession: {error}");
            default:
                Delivery = attempt with { NextAttemptTime = nextAttempt };
                return null;
        }
    }

    private bool DropPendingDelivery()
    {
        if (Delivery is not { Status: DeliveryStatus.Pending } || MayBeImplemented)
        {
            return false;
        }

        Delivery = Delivery with { Status = DeliveryStatus.Cancelled, NextAttemptTime = null };
        return true;
    }
}

/// <summary>
/// What purchase commitments promised and what was bought, in USD: <see cref="PurchasedUsd"/> everything
/// bought, the baseline included; <see cref="FulfilledUsd"/> what of it is above the baseline (negative
/// while below). Read against the baseline plus the target (the trackers' reading, <see cref="PurchasedPercent"/>)
/// and against the promised increase alone (<see cref="FulfilledPercent"/>).
/// </summary>
public sealed record PurchaseFigures(decimal BaselineUsd, decimal? TargetUsd, decimal PurchasedUsd, decimal FulfilledUsd)
{
    public static readonly PurchaseFigures None = new(0m, null, 0m, 0m);

    /// <summary>Baseline plus target: what the purchases were to reach; null without a target.</summary>
    public decimal? GoalUsd => BaselineUsd + TargetUsd;

    /// <summary>Purchased over goal in percent, rounded to one decimal; 0 without a goal above 0.</summary>
    public decimal PurchasedPercent => Percent(PurchasedUsd, GoalUsd);

    /// <summary>Fulfilled over target in percent, rounded to one decimal; 0 without a target above 0.</summary>
    public decimal FulfilledPercent => Percent(FulfilledUsd, TargetUsd);

    /// <summary>These and <paramref name="other"/> together; the target is null only when neither names one.</summary>
    public PurchaseFigures Plus(PurchaseFigures other) => new(BaselineUsd + other.BaselineUsd,
        TargetUsd is null && other.TargetUsd is null ? null : (TargetUsd ?? 0m) + (other.TargetUsd ?? 0m),
        PurchasedUsd + other.PurchasedUsd, FulfilledUsd + other.FulfilledUsd);

    private static decimal Percent(decimal part, decimal? whole) =>
        whole is not > 0 ? 0 : Math.Round(part * 100m / whole.Value, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Purchases recorded on a purchase commitment, against its baseline and target.</summary>
public sealed record CommitmentProgress(Commitment Commitment, IReadOnlyList<Purchase> Purchases)
{
    public decimal? TargetUsd => Commitment.Terms.Purchase!.TargetUsd;

    /// <summary>
    /// With nothing recorded, nothing bought. Amounts above the baseline count the baseline as bought;
    /// totals are set against the whole baseline of the commitment's period.
    /// </summary>
    public PurchaseFigures Figures
    {
        get
        {
            var baseline = Commitment.Terms.Purchase!.BaselineUsd ?? 0m;
            var sum = Purchases.Sum(p => p.AmountUsd);
            return Purchases.Count == 0 ? PurchaseFigures.None with { BaselineUsd = baseline, TargetUsd = TargetUsd }
                : Purchases[0].Basis == PurchaseBasis.Total ? new PurchaseFigures(baseline, TargetUsd, sum, sum - baseline)
                : new PurchaseFigures(baseline, TargetUsd, baseline + sum, sum);
        }
    }

    public decimal FulfilledUsd => Figures.FulfilledUsd;

    /// <summary>Fulfilled over target in percent, rounded to one decimal; 0 without a target.</summary>
    public decimal FulfilledPercent => Figures.FulfilledPercent;
}
