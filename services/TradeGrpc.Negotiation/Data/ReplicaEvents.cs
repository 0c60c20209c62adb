using System.Globalization;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Data;

/// <summary>Streams events recorded by other replicas to this replica's watchers, read from the shared store.</summary>
public sealed class ReplicaEvents(ReplicaBus bus, INegotiationStore store, Broadcaster<StoredEvent> timeline) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.OnPublished(async topic =>
        {
            if (!topic.StartsWith(NegotiationDesk.EventsTopic, StringComparison.Ordinal))
            {
                return;
            }

            var parts = topic[NegotiationDesk.EventsTopic.Length..].Split(':');
            var first = long.Parse(parts[1], CultureInfo.InvariantCulture);
            var last = long.Parse(parts[2], CultureInfo.InvariantCulture);
            foreach (var stored in await store.ListEventsAsync(parts[0], first - 1, [], null, null, (int)(last - first + 1), CancellationToken.None))
            {
                timeline.Publish(stored);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
