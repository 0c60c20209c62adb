using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

/// <summary>A tariff concession waiting to be carried out on the tariff service.</summary>
public sealed record OutboxItem(string Commitment, string RequestId, DateTimeOffset NextAttemptAt);

/// <summary>What a change does to the outbox, in the change's transaction.</summary>
public abstract record OutboxChange
{
    public sealed record Enqueue(OutboxItem Item) : OutboxChange;

    public sealed record Retry(string Commitment, DateTimeOffset NextAttemptAt) : OutboxChange;

    public sealed record Done(string Commitment) : OutboxChange;
}

/// <summary>Where negotiations are kept. SQLite by default; another provider fills the same seam.</summary>
public interface INegotiationStore : IRequestLog
{
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Inserts a negotiation with its first event and request, in one transaction.</summary>
    Task<IReadOnlyList<StoredEvent>> CreateAsync(NegotiationRecord negotiation, EventDraft created, CommandRequest? request, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the negotiation if its stored version is <paramref name="expectedVersion"/>, and
    /// appends the events, changes the outbox and records the request in the same transaction.
    /// Returns the stored events, or null when the version moved on.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>?> SaveAsync(NegotiationRecord negotiation, long expectedVersion, IReadOnlyList<EventDraft> events,
        OutboxChange? outbox, CommandRequest? request, CancellationToken cancellationToken);

    Task<NegotiationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The stored version of a negotiation, null if there is none: far cheaper to read than the negotiation.</summary>
    Task<long?> VersionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Negotiations in the order they were created, after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>A negotiation's events after <paramref name="afterSequence"/>, oldest first, filtered.</summary>
    Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string negotiationId, long afterSequence, IReadOnlyCollection<EventKindValue> kinds,
        DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims outbox items due at <paramref name="now"/>, oldest first, until <paramref name="leaseUntil"/>:
    /// a replica that claims an item is the only one to send it until the lease runs out (or it
    /// records the result), so replicas sharing the store relay each item once.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);
}
