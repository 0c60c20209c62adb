using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Replicas;

/// <summary>Streams events recorded by other replicas to this replica's watchers, read from the shared store.</summary>
public sealed class ReplicaEvents(ReplicaBus bus, ITalksStore store, Broadcaster<StoredEvent> timeline) : IHostedService
{
    private static readonly EventFilter Everything = new([], null, null);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe<NegotiationEventsRecorded>(async recorded =>
        {
            var count = (int)(recorded.LastSequence - recorded.FirstSequence + 1);
            foreach (var stored in await store.ListEventsAsync(recorded.NegotiationId, recorded.FirstSequence - 1, Everything, count, CancellationToken.None))
            {
                timeline.Publish(stored);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
