using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Caching;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Adds up one counter of one host, from the moment it is made; other hosts in this process count on their own.</summary>
internal sealed class HostCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private long count;

    /// <param name="host">The host whose counter it is.</param>
    /// <param name="meter">The counter's meter.</param>
    /// <param name="instrument">The counter.</param>
    /// <param name="model">Only measurements tagged with this <c>model</c>, when given.</param>
    private HostCounter(ServiceHost host, string meter, string instrument, string? model)
    {
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Scope == meters && published.Meter.Name == meter && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (model is null || Tagged(tags, model))
            {
                Interlocked.Add(ref count, value);
            }
        });
        listener.Start();
    }

    public long Count => Interlocked.Read(ref count);

    /// <summary>The host's cache hits of one read model.</summary>
    public static HostCounter CacheHits(ServiceHost host, string model) => new(host, ReadCache.MeterName, "tradegrpc.cache.hits", model);

    /// <summary>The pages of events the host's watches read from the store.</summary>
    public static HostCounter TimelineReads(ServiceHost host) => new(host, TimelineWatch.MeterName, "tradegrpc.timeline.store_reads", null);

    public void Dispose() => listener.Dispose();

    private static bool Tagged(ReadOnlySpan<KeyValuePair<string, object?>> tags, string model)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "model" && Equals(tag.Value, model))
            {
                return true;
            }
        }

        return false;
    }
}
