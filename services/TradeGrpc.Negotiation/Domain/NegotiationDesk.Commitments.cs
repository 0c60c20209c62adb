using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Data;
using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>Purchases fulfilled over a purchase commitment's target.</summary>
public sealed record CommitmentProgressValue(CommitmentRecord Commitment, decimal FulfilledUsd)
{
    public decimal? TargetUsd => Commitment.Purchase!.TargetUsd;

    /// <summary>Fulfilled over target in percent, rounded to one decimal; 0 without a target.</summary>
    public decimal FulfilledPercent => TargetUsd is null or 0 ? 0 : Math.Round(FulfilledUsd * 100m / TargetUsd.Value, 1, MidpointRounding.AwayFromZero);
}

/// <summary>What happened when a concession was sent to the tariff service.</summary>
public enum DeliveryOutcome
{
    Delivered,
    /// <summary>The tariff service could not be reached or failed for now: try again later.</summary>
    Failed,
    /// <summary>The tariff service refused the change for good.</summary>
    Rejected,
}

public sealed partial class NegotiationDesk
{
    public Task<CommitmentRecord> RecordCommitmentAsync(string negotiationName, CommitmentRecord commitment, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, (n, resource) => FindCommitment(n, resource), (negotiation, _) =>
        {
            RequireParty(negotiation, commitment.Party, "commitment.party");
            switch (commitment)
            {
                case { Kind: CommitmentKindKind.Purchase, Purchase: null }:
                    throw new InvalidInputException("PURCHASE_TERMS_REQUIRED", new FieldError("commitment.purchase", "a purchase commitment needs its terms"));
                case { Kind: CommitmentKindKind.TariffConcession, Concession: null }:
                    throw new InvalidInputException("CONCESSION_REQUIRED", new FieldError("commitment.concession", "a tariff concession needs its measure and action"));
                case { Concession: { Action: ConcessionActionKind.SetRate, RatePercent: null } }:
                    throw new InvalidInputException("RATE_REQUIRED", new FieldError("commitment.concession.rate_percent", "SET_RATE needs the new rate"));
                case { Purchase: { } terms } when terms.PeriodEnd < terms.PeriodStart:
                    throw new InvalidInputException("PERIOD_OUT_OF_ORDER", new FieldError("commitment.purchase.period_end", "must not be before period_start"));
            }

            var recorded = commitment with { Number = negotiation.Talks.Commitments.Count + 1, Purchases = [], Delivery = null, Version = 1 };
            var name = ChildName.Of(negotiation.Name, ChildName.Commitments, recorded.Number);
            return new TalksChange<CommitmentRecord>(negotiation.Talks with { Commitments = [.. negotiation.Talks.Commitments, recorded] }, recorded, name,
                [new EventDraft(EventKindValue.CommitmentRecorded, name, $"{recorded.Party} commitment ({recorded.Kind}, {recorded.Status}): {recorded.Description}".TrimEnd(' ', ':'))]);
        }, cancellationToken);

    public Task<CommitmentRecord> UpdateCommitmentStatusAsync(string name, CommitmentStatusKind status, CancellationToken cancellationToken) =>
        ChangeCommitmentAsync(name, "", "", commitment =>
            (commitment with { Status = status }, new EventDraft(EventKindValue.CommitmentStatusChanged, name, $"Commitment {commitment.Number} is now {status} (was {commitment.Status})."), null),
            cancellationToken);

    public async Task<CommitmentProgressValue> RecordPurchasesAsync(string name, PurchaseEntry purchase, string requestId, string fingerprint, CancellationToken cancellationToken)
    {
        var commitment = await ChangeCommitmentAsync(name, requestId, fingerprint, commitment =>
        {
            RequirePurchase(commitment, name);
            if (purchase.PeriodEnd < purchase.PeriodStart)
            {
                throw new InvalidInputException("PERIOD_OUT_OF_ORDER", new FieldError("purchase.period_end", "must not be before period_start"));
            }

            return (commitment with { Purchases = [.. commitment.Purchases, purchase] },
                new EventDraft(EventKindValue.PurchasesRecorded, name, $"Purchases of ${purchase.AmountUsd:N2} recorded for {purchase.PeriodStart:yyyy-MM-dd} to {purchase.PeriodEnd:yyyy-MM-dd}."), null);
        }, cancellationToken);
        return Progress(commitment);
    }

    public async Task<CommitmentProgressValue> GetCommitmentProgressAsync(string name, CancellationToken cancellationToken)
    {
        var commitment = FindCommitment(await GetAsync(ChildName.Parse(name).Negotiation, cancellationToken), name);
        RequirePurchase(commitment, name);
        return Progress(commitment);
    }

    public async Task<IReadOnlyList<CommitmentRecord>> ListCommitmentsAsync(string negotiationName, CancellationToken cancellationToken) =>
        (await GetAsync(negotiationName, cancellationToken)).Talks.Commitments;

    /// <summary>
    /// Records the intent to carry out an official tariff concession (the outbox item goes in the
    /// same transaction); the relay delivers it. Asking again changes nothing.
    /// </summary>
    public async Task<CommitmentRecord> ImplementConcessionAsync(string name, CancellationToken cancellationToken) =>
        await GetCommitmentAsync(name, cancellationToken) is { Delivery: not null } asked
            ? asked
            : await ChangeCommitmentAsync(name, "", "", commitment =>
        {
            if (commitment.Kind != CommitmentKindKind.TariffConcession || commitment.Status != CommitmentStatusKind.Official)
            {
                throw new RuleViolationException("NOT_AN_OFFICIAL_CONCESSION", "STATE", name,
                    $"{name} is a {Upper(commitment.Kind)} commitment in status {Upper(commitment.Status)}; only an OFFICIAL TARIFF_CONCESSION can be implemented.");
            }

            if (commitment.Delivery is not null)
            {
                return (commitment, null, null);
            }

            var now = clock.GetUtcNow();
            return (commitment with { Delivery = new DeliveryRecord(DeliveryStatus.Pending, 0, "", null, now) },
                new EventDraft(EventKindValue.ConcessionRequested, name, $"Concession on {commitment.Concession!.Measure} ({commitment.Concession.Action}) sent to the tariff service."),
                new OutboxChange.Enqueue(new OutboxItem(name, StableRequestId(name), now)));
        }, cancellationToken);

    /// <summary>Records the result of one delivery attempt of a concession.</summary>
    public Task<CommitmentRecord> RecordDeliveryAsync(string name, DeliveryOutcome outcome, string error, DateTimeOffset nextAttempt, CancellationToken cancellationToken) =>
        ChangeCommitmentAsync(name, "", "", commitment =>
        {
            var delivery = commitment.Delivery! with { Attempts = commitment.Delivery.Attempts + 1, LastError = error };
            var now = clock.GetUtcNow();
            return outcome switch
            {
                DeliveryOutcome.Delivered => (commitment with { Delivery = delivery with { Status = DeliveryStatus.Delivered, DeliveredTime = now, NextAttemptTime = null } },
                    new EventDraft(EventKindValue.ConcessionDelivered, name, $"The tariff service carried out the concession on {commitment.Concession!.Measure}."),
                    new OutboxChange.Done(name)),
                DeliveryOutcome.Rejected => (commitment with { Delivery = delivery with { Status = DeliveryStatus.Rejected, NextAttemptTime = null } },
                    new EventDraft(EventKindValue.ConcessionRejected, name, $"The tariff service refused the concession: {error}"),
                    new OutboxChange.Done(name)),
                _ => (commitment with { Delivery = delivery with { NextAttemptTime = nextAttempt } }, null, new OutboxChange.Retry(name, nextAttempt)),
            };
        }, cancellationToken);

    public async Task<CommitmentRecord> GetCommitmentAsync(string name, CancellationToken cancellationToken) =>
        FindCommitment(await GetAsync(ChildName.Parse(name).Negotiation, cancellationToken), name);

    private Task<CommitmentRecord> ChangeCommitmentAsync(string name, string requestId, string fingerprint,
        Func<CommitmentRecord, (CommitmentRecord Commitment, EventDraft? Event, OutboxChange? Outbox)> change, CancellationToken cancellationToken) =>
        ChangeAsync(ChildName.Parse(name).Negotiation, requestId, fingerprint, (n, _) => FindCommitment(n, name), (negotiation, _) =>
        {
            var commitment = FindCommitment(negotiation, name);
            var (changed, recorded, outbox) = change(commitment);
            changed = ReferenceEquals(changed, commitment) ? changed : changed with { Version = commitment.Version + 1 };
            return new TalksChange<CommitmentRecord>(negotiation.Talks with { Commitments = Replace(negotiation.Talks.Commitments, commitment, changed) },
                changed, name, recorded is null ? [] : [recorded], outbox);
        }, cancellationToken);

    private static CommitmentProgressValue Progress(CommitmentRecord commitment) => new(commitment, commitment.Purchases.Sum(p => p.AmountUsd));

    private static void RequirePurchase(CommitmentRecord commitment, string name)
    {
        if (commitment.Kind != CommitmentKindKind.Purchase)
        {
            throw new RuleViolationException("NOT_A_PURCHASE", "KIND", name,
                $"{name} is a {Upper(commitment.Kind)} commitment; purchases are recorded on PURCHASE commitments.");
        }
    }

    private static CommitmentRecord FindCommitment(NegotiationRecord negotiation, string name) =>
        Find(negotiation.Talks.Commitments, c => c.Number, name, "COMMITMENT_NOT_FOUND");
}
