using System.Globalization;
using TradeGrpc.ServiceDefaults.Caching;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Data;

/// <summary>
/// Keeps this replica's tariff book in step with the others: when another replica changes a
/// measure or an exclusion, the changed document is read from the shared store and swapped in
/// (and a measure change goes to this replica's watchers).
/// </summary>
public sealed class ReplicaChanges(ReplicaBus bus, IDocumentStore store, MeasureDesk measures, ExclusionDesk exclusions, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.OnPublished(async topic =>
        {
            if (topic.StartsWith(MeasureDesk.ChangedTopic, StringComparison.Ordinal))
            {
                var parts = topic[MeasureDesk.ChangedTopic.Length..].Split(':');
                if (await store.GetAsync<MeasureRecord>(MeasureDesk.DocumentKind, parts[1], CancellationToken.None) is { } measure)
                {
                    measures.Apply(new MeasureChange((MeasureChangeKind)int.Parse(parts[0], CultureInfo.InvariantCulture), measure, clock.GetUtcNow()));
                }
            }
            else if (topic.StartsWith(ExclusionDesk.ChangedTopic, StringComparison.Ordinal)
                && await store.GetAsync<ExclusionRecord>(ExclusionDesk.DocumentKind, topic[ExclusionDesk.ChangedTopic.Length..], CancellationToken.None) is { } exclusion)
            {
                exclusions.Apply(exclusion);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
