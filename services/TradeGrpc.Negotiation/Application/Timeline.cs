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
/// <c>Replicas:OutOfStepPollInterval</c> while this replica cannot hear the others.
/// </summary>
public sealed class TimelineWatch(ITalksStore store, GetNegotiationVersionHandler negotiations, Broadcaster<StoredEvent> timeline, ReplicaBus bus,
    IOptions<ReplicaOptions> options)
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<StoredEvent> WatchAsync(string name, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await negotiations.HandleAsync(new GetNegotiationVersion(name), cancellationToken);
        var id = Domain.Negotiation.IdOf(name);
        // Subscribe before reading the store, so that an event recorded in between wakes the watch.
        using var live = timeline.Subscribe();
        var last = afterSequence;
        var everything = new EventFilter([], null, null);
        while (true)
        {
            IReadOnlyList<StoredEvent> page;
            do
            {
                page = await store.ListEventsAsync(id, last, everything, PageSize, cancellationToken);
                foreach (var stored in page)
                {
                    last = stored.Sequence;
                    yield return stored;
                }
            }
            while (page.Count == PageSize);

            await WakeUpAsync(live, id, last, cancellationToken);
        }
    }

    /// <summary>
    /// Waits for a newer event of the negotiation. Other replicas' news may not come, so it returns
    /// anyway after the quiet interval, or within the out-of-step interval of finding this replica
    /// out of step.
    /// </summary>
    private async Task WakeUpAsync(Broadcaster<StoredEvent>.Subscription live, string negotiationId, long last, CancellationToken cancellationToken)
    {
        var (quiet, outOfStep) = (options.Value.QuietPollInterval, options.Value.OutOfStepPollInterval);
        var waited = TimeSpan.Zero;
        while (bus.InStep && waited < quiet)
        {
            var slice = outOfStep < quiet - waited ? outOfStep : quiet - waited;
            if (await NewerEventAsync(live, negotiationId, last, slice, cancellationToken))
            {
                return;
            }

            waited += slice;
        }

        if (!bus.InStep)
        {
            await NewerEventAsync(live, negotiationId, last, outOfStep, cancellationToken);
        }
    }

    /// <summary>
    /// Whether a newer event of the negotiation arrives within <paramref name="atMost"/>, or may
    /// have: news dropped while this watch's queue was full may have held one, and the store has it.
    /// </summary>
    private static async Task<bool> NewerEventAsync(Broadcaster<StoredEvent>.Subscription live, string negotiationId, long last, TimeSpan atMost,
        CancellationToken cancellationToken)
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
                        return true;
                    }
                }

                if (live.TakeLagged())
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet for a while.
        }

        return false;
    }
}
