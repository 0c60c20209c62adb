using TradeGrpc.Caching;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Replicas;

namespace TradeGrpc.Negotiation.Application;

/// <summary>What a committed change of the talks tells others: its events, and whether it put a concession in the outbox.</summary>
public sealed record TalksChanged(string NegotiationId, IReadOnlyList<StoredEvent> Events, bool OutboxQueued);

/// <summary>
/// The one step after every committed change of the talks: drops the negotiation's cached reads
/// on every replica, streams its events to this replica's watchers and tells the other replicas
/// to stream them to theirs, and wakes the concession relay when the change queued a concession.
/// </summary>
public sealed class TalksNews(ReadCache cache, Broadcaster<StoredEvent> timeline, ReplicaBus bus, OutboxSignal relay, NegotiationMetrics metrics)
{
    /// <summary>The cache tag of everything read from one negotiation.</summary>
    public static string CacheTag(string negotiationId) => $"negotiation:{negotiationId}";

    public void Publish(TalksChanged change)
    {
        cache.Invalidate(CacheTag(change.NegotiationId));
        foreach (var stored in change.Events)
        {
            timeline.Publish(stored);
        }

        if (change.Events.Count > 0)
        {
            metrics.EventsRecorded(change.Events.Count);
            bus.Publish(new NegotiationEventsRecorded
            {
                NegotiationId = change.NegotiationId,
                FirstSequence = change.Events[0].Sequence,
                LastSequence = change.Events[^1].Sequence,
            }, handleHere: false);
        }

        if (change.OutboxQueued)
        {
            relay.Notify();
        }
    }
}
