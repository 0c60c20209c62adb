using System.Runtime.CompilerServices;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Application;

/// <summary>
/// One watch of measure changes. Changes come through the broadcaster's bounded queue; a watcher
/// that falls so far behind that news was dropped reads what it missed from the book instead (the
/// measures newer than it has seen, several changes to one measure as one event), so a slow
/// watcher costs bounded memory and still misses nothing.
/// </summary>
public sealed class MeasureWatch : IDisposable
{
    private readonly TariffBook book;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, MeasureRecord> seen;
    private readonly Broadcaster<MeasureChange>.Subscription subscription;

    /// <summary>Starts listening: every change made from now on is read.</summary>
    public MeasureWatch(Broadcaster<MeasureChange> changes, TariffBook book, TimeProvider clock)
    {
        (this.book, this.clock) = (book, clock);
        // What the watcher is taken to know, read before listening: a change in between comes as news.
        seen = book.Current.Measures.AllHeld.ToDictionary(m => m.Id);
        subscription = changes.Subscribe();
    }

    public async IAsyncEnumerable<MeasureChange> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = subscription.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var change))
            {
                if (Unseen(change.Measure))
                {
                    seen[change.Measure.Id] = change.Measure;
                    yield return change;
                }
            }

            if (!subscription.TakeLagged())
            {
                continue;
            }

            foreach (var measure in book.Current.Measures.AllHeld.Where(Unseen).ToList())
            {
                var kind = MeasureChange.KindBetween(seen.GetValueOrDefault(measure.Id), measure);
                seen[measure.Id] = measure;
                yield return new MeasureChange(kind, measure, clock.GetUtcNow());
            }
        }
    }

    public void Dispose() => subscription.Dispose();

    private bool Unseen(MeasureRecord measure) => !seen.TryGetValue(measure.Id, out var known) || known.Version < measure.Version;
}
