using System.Globalization;
using TradeGrpc.ServiceDefaults.Caching;
using TradeGrpc.ServiceDefaults.Storage;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Data;

/// <summary>
/// Keeps this replica's tariff book in step with the others: when another replica changes a
/// measure or an exclusion, the changed document is read from the shared store and swapped in
/// (and a measure change goes to this replica's watchers). After Redis was away, the whole set is
/// read again, since news may have been missed.
/// </summary>
public sealed class ReplicaChanges(ReplicaBus bus, IDocumentStore store, TariffBook book, MeasureDesk measures, ExclusionDesk exclusions, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.OnPublished(async topic =>
        {
            if (topic == ReplicaBus.ResyncTopic)
            {
                var all = await store.LoadAllAsync<MeasureRecord>(MeasureDesk.DocumentKind, CancellationToken.None);
                var requested = await store.LoadAllAsync<ExclusionRecord>(ExclusionDesk.DocumentKind, CancellationToken.None);
                // Merge rather than replace: a change this replica made while reading must not be lost.
                book.Update(snapshot => snapshot
                    .WithMeasures(all.Select(m => snapshot.Measures.Measures.GetValueOrDefault(m.Id) is { } held && held.Version > m.Version ? held : m))
                    .WithExclusions([.. requested.Select(e => snapshot.Exclusions.FirstOrDefault(x => x.Id == e.Id) is { DecideTime: not null } held ? held : e)]));
            }
            else if (topic.StartsWith(MeasureDesk.ChangedTopic, StringComparison.Ordinal))
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
