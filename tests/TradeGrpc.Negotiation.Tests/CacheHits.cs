using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Caching;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Counts one host's cache hits of one read model, from the moment it is made.</summary>
internal sealed class CacheHits : IDisposable
{
    private readonly MeterListener listener = new();
    private long count;

    public CacheHits(ServiceHost host, string model)
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's counter: other hosts in this process count too.
            if (instrument.Meter.Scope == meters && instrument.Meter.Name == ReadCache.MeterName && instrument.Name == "tradegrpc.cache.hits")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "model" && Equals(tag.Value, model))
                {
                    Interlocked.Add(ref count, value);
                }
            }
        });
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    public void Dispose() => listener.Dispose();
}
