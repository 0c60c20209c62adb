using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TradeGrpc.Commands;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>A negotiation's events after <paramref name="AfterSequence"/>, oldest first, filtered.</summary>
public sealed record ListEvents(string Negotiation, long AfterSequence, EventFilter Filter, int Limit) : IRequest<IReadOnlyList<StoredEvent>>;

public sealed class ListEventsHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListEvents, IReadOnlyList<StoredEvent>>
{
    public Task<IReadOnlyList<StoredEvent>> HandleAsync(ListEvents query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListEventsAsync(id, query.AfterSequence, query.Filter, query.Limit, cancellationToken), cancellationToken);
}

/// <summary>
/// A negotiation's events after a sequence number, as they are recorded, none lost and none
/// twice. The store is the record: a new event (from this replica or, through the replica bus,
/// another) only wakes the watch to read it, and a quiet watch reads again every
/// <c>Replicas:QuietPollInterval</c> in case a wake-up was lost while Redis was away, every
/// <c>Replicas:OutOfStepPollInterval</c> while this replica cannot hear the others. The watches
/// of a negotiation that a new event wakes share one read of the store (see <see cref="SharedRead"/>):
/// a thousand watchers cost it one query per event, not a thousand.
/// </summary>
public sealed class TimelineWatch(ITalksStore store, GetNegotiationVersionHandler negotiations, Broadcaster<StoredEvent> timeline, ReplicaBus bus,
    IOptions<ReplicaOptions> options, IMeterFactory meters)
{
    public const string MeterName = "TradeGrpc.Timeline";

    private const int PageSize = 500;

    private static readonly EventFilter Everything = new([], null, null);

    // The latest read woken by an event, per negotiation: one entry for each negotiation watched here. Locked.
    private readonly Dictionary<string, SharedRead> latest = new(StringComparer.Ordinal);

    private readonly Counter<long> reads = meters.Create(MeterName).CreateCounter<long>(
        "tradegrpc.timeline.store_reads", description: "Pages of events the watches read from the store");

    public async IAsyncEnumerable<StoredEvent> WatchAsync(string name, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await negotiations.HandleAsync(new GetNegotiationVersion(name), cancellationToken);
        var id = Domain.Negotiation.IdOf(name);
        // Subscribe before reading the store, so that an event recorded in between wakes the watch.
        using var live = timeline.Subscribe();
        var last = afterSequence;
        long? wokenBy = null;
        while (true)
        {
            IReadOnlyList<StoredEvent> page;
            do
            {
                page = await ReadAsync(id, last, wokenBy, cancellationToken);
                wokenBy = null;
                foreach (var stored in page)
                {
                    last = stored.Sequence;
                    yield return stored;
                }
            }
            while (page.Count == PageSize);

            wokenBy = await WakeUpAsync(live, id, last, cancellationToken);
        }
    }

    /// <summary>
    /// The events after <paramref name="after"/>, a page of them. A watch woken by event
    /// <paramref name="wokenBy"/> takes the page another watch at the same place read, if that
    /// read began once that event was recorded (so it holds it); otherwise it reads, and offers
    /// its page to the others.
    /// </summary>
    private Task<IReadOnlyList<StoredEvent>> ReadAsync(string negotiationId, long after, long? wokenBy, CancellationToken cancellationToken)
    {
        if (wokenBy is not { } sequence)
        {
            reads.Add(1);
            return store.ListEventsAsync(negotiationId, after, Everything, PageSize, cancellationToken);
        }

        // Whether to share or to read is decided under the lock, and the read is offered before its
        // query runs: watches woken together would otherwise each find nothing to share while the
        // first was still in its query (on SQLite the whole query runs before the call returns).
        SharedRead read;
        lock (latest)
        {
            if (latest.TryGetValue(negotiationId, out var shared) && shared.After == after && shared.Covers >= sequence)
            {
                return shared.Page.WaitAsync(cancellationToken);
            }

            // Not the caller's token: the read is shared, and one watcher leaving must not end it for the others.
            read = new SharedRead(after, sequence, Task.Run(() => store.ListEventsAsync(negotiationId, after, Everything, PageSize, CancellationToken.None)));
            latest[negotiationId] = read;
        }

        reads.Add(1);
        // A failed read is not offered again: the next watch woken reads afresh.
        _ = read.Page.ContinueWith(_ =>
        {
            lock (latest)
            {
                if (latest.TryGetValue(negotiationId, out var current) && current == read)
                {
                    latest.Remove(negotiationId);
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read.Page.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for a newer event of the negotiation: its sequence, or null when the watch should read
    /// on its own (news may have been dropped, or none came). Other replicas' news may not come, so
    /// it returns anyway after the quiet interval, or within the out-of-step interval of finding
    /// this replica out of step.
    /// </summary>
    private async Task<long?> WakeUpAsync(Broadcaster<StoredEvent>.Subscription live, string negotiationId, long last, CancellationToken cancellationToken)
    {
        var (quiet, outOfStep) = (options.Value.QuietPollInterval, options.Value.OutOfStepPollInterval);
        var waited = TimeSpan.Zero;
        while (bus.InStep && waited < quiet)
        {
            var slice = outOfStep < quiet - waited ? outOfStep : quiet - waited;
            if (await NewerEventAsync(live, negotiationId, last, slice, cancellationToken) is var (newer, sequence) && newer)
            {
                return sequence;
            }

            waited += slice;
        }

        if (!bus.InStep)
        {
            await NewerEventAsync(live, negotiationId, last, outOfStep, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Whether a newer event of the negotiation arrives within <paramref name="atMost"/>, or may
    /// have (news dropped while this watch's queue was full may have held one, and the store has
    /// it); the event's sequence when one came.
    /// </summary>
    private static async Task<(bool Newer, long? Sequence)> NewerEventAsync(Broadcaster<StoredEvent>.Subscription live, string negotiationId, long last,
        TimeSpan atMost, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(atMost);
        try
        {
            while (await live.Reader.WaitToReadAsync(quiet.Token))
            {
                while (live.Reader.TryRead(out var next))
                {
                    if (next.NegotiationId == negotiationId && next.Sequence > last)
                    {
                        return (true, next.Sequence);
                    }
                }

                if (live.TakeLagged())
                {
                    return (true, null);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet for a while.
        }

        return (false, null);
    }

    /// <summary>
    /// A read of the events after <paramref name="After"/> that began once event
    /// <paramref name="Covers"/> was recorded, so its page holds every event up to that one.
    /// </summary>
    private sealed record SharedRead(long After, long Covers, Task<IReadOnlyList<StoredEvent>> Page);
}
