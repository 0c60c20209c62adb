using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>A page of a list: the items after <paramref name="After"/> (the key of the last item of the page before), at most <paramref name="Limit"/>.</summary>
public sealed record PageOf(string? After, int Limit);

/// <summary>A filter of the timeline.</summary>
public sealed record EventFilter(IReadOnlyCollection<TalkEventKind> Kinds, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>
/// Where the talks are kept. Every part of the talks is its own rows, found by key or index: a
/// change writes the rows it touches and a page reads the rows it shows, however long the talks.
/// </summary>
public interface ITalksStore : ICommandStore<ITalksTransaction>
{
    Task<Domain.Negotiation?> GetAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>The version of a negotiation, null if there is none: one small indexed read.</summary>
    Task<long?> VersionAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>Negotiations in the order they were recorded.</summary>
    Task<IReadOnlyList<Domain.Negotiation>> ListAsync(PageOf page, CancellationToken cancellationToken);

    Task<Round?> GetRoundAsync(string negotiationId, int number, CancellationToken cancellationToken);

    /// <summary>Rounds by start date, then number; a page key is a round's number.</summary>
    Task<IReadOnlyList<Round>> ListRoundsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken);

    Task<Issue?> GetIssueAsync(string negotiationId, int number, CancellationToken cancellationToken);

    /// <summary>Issues by number, in one status or all.</summary>
    Task<IReadOnlyList<Issue>> ListIssuesAsync(string negotiationId, IssueStatusKind? status, PageOf page, CancellationToken cancellationToken);

    /// <summary>A version of the draft, or the latest with <paramref name="version"/> null.</summary>
    Task<DraftVersion?> GetDraftAsync(string negotiationId, int? version, CancellationToken cancellationToken);

    Task<IReadOnlyList<DraftVersion>> ListDraftsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken);

    Task<Commitment?> GetCommitmentAsync(string negotiationId, int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken);

    /// <summary>The tariff concessions a deal may still carry (not withdrawn or broken), by number: all of them, however many.</summary>
    Task<IReadOnlyList<Commitment>> ListLiveConcessionsAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>A negotiation's purchase commitments, by number: all of them, however many.</summary>
    Task<IReadOnlyList<Commitment>> ListPurchaseCommitmentsAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>The purchases recorded on a commitment, in the order recorded.</summary>
    Task<IReadOnlyList<Purchase>> ListPurchasesAsync(string negotiationId, int commitment, CancellationToken cancellationToken);

    /// <summary>The purchases recorded on each of a negotiation's commitments (by number), in the order recorded.</summary>
    Task<ILookup<int, Purchase>> ListPurchasesAsync(string negotiationId, CancellationToken cancellationToken);

    Task<Statement?> GetStatementAsync(string negotiationId, int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<Statement>> ListStatementsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken);

    /// <summary>A negotiation's events after <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string negotiationId, long afterSequence, EventFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims outbox items due at <paramref name="now"/>, oldest first, until <paramref name="leaseUntil"/>:
    /// a replica that claims an item is the only one to send it until the lease runs out (or it
    /// records the result), so replicas sharing the store relay each item once.
    /// </summary>
    Task<IReadOnlyList<ClaimedOutboxItem>> ClaimDueOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>The outbox items not yet delivered, claimed or not.</summary>
    Task<long> CountOutboxAsync(CancellationToken cancellationToken);
}

/// <summary>An outbox item claimed for delivery, with the W3C traceparent of the call that put it there (none for items written before it was kept).</summary>
public sealed record ClaimedOutboxItem(OutboxItem Item, string? TraceParent);

/// <summary>One write transaction on the talks: what commands read (the root locked first) and write.</summary>
public interface ITalksTransaction : ICommandTransaction
{
    Task InsertAsync(Domain.Negotiation negotiation, CancellationToken cancellationToken);

    /// <summary>The negotiation, held against other writers until the commit; null if there is none.</summary>
    Task<Domain.Negotiation?> LockAsync(string negotiationId, CancellationToken cancellationToken);

    /// <summary>Writes the root: its delegations, state, update time and version.</summary>
    Task SaveAsync(Domain.Negotiation negotiation, CancellationToken cancellationToken);

    /// <summary>The number the next item of <paramref name="collection"/> (<see cref="ChildName.Rounds"/>, ...) takes.</summary>
    Task<int> NextNumberAsync(string negotiationId, string collection, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="numbers"/> are items of <paramref name="collection"/>.</summary>
    Task<IReadOnlySet<int>> ExistingAsync(string negotiationId, string collection, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken);

    Task<Round?> GetRoundAsync(string negotiationId, int number, CancellationToken cancellationToken);

    Task<IReadOnlyList<Round>> ListRoundsAsync(string negotiationId, CancellationToken cancellationToken);

    Task InsertAsync(Round round, CancellationToken cancellationToken);

    Task SaveAsync(Round round, CancellationToken cancellationToken);

    Task<Issue?> GetIssueAsync(string negotiationId, int number, CancellationToken cancellationToken);

    Task InsertAsync(Issue issue, CancellationToken cancellationToken);

    Task SaveStatusAsync(Issue issue, CancellationToken cancellationToken);

    /// <summary>Records a party's position on an issue, in place of its earlier one.</summary>
    Task SavePositionAsync(Issue issue, Position position, CancellationToken cancellationToken);

    Task<DraftVersion?> GetDraftAsync(string negotiationId, int version, CancellationToken cancellationToken);

    Task InsertAsync(DraftVersion draft, CancellationToken cancellationToken);

    Task<Commitment?> GetCommitmentAsync(string negotiationId, int number, CancellationToken cancellationToken);

    Task InsertAsync(Commitment commitment, CancellationToken cancellationToken);

    Task SaveAsync(Commitment commitment, CancellationToken cancellationToken);

    /// <summary>Records purchases on a commitment, in order.</summary>
    Task InsertAsync(Commitment commitment, IReadOnlyList<Purchase> purchases, CancellationToken cancellationToken);

    Task InsertAsync(Statement statement, CancellationToken cancellationToken);

    /// <summary>Appends events to the timeline at the negotiation's update time; returns them numbered.</summary>
    Task<IReadOnlyList<StoredEvent>> AppendAsync(Domain.Negotiation negotiation, IReadOnlyList<TalkEvent> events, Identity.Actor actor, CancellationToken cancellationToken);

    /// <summary>Puts an item in the outbox, with the trace context of the call that writes it.</summary>
    Task EnqueueAsync(OutboxItem item, CancellationToken cancellationToken);

    /// <summary>The next attempt of an item, after a failed one.</summary>
    Task RescheduleAsync(string commitment, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>The item was delivered or refused for good.</summary>
    Task CompleteAsync(string commitment, CancellationToken cancellationToken);
}
