using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TradeGrpc.Testing;

/// <summary>
/// An in-memory exporter of one host's traces and metrics: <see cref="Register"/> goes to the
/// host's builder, and the host's own instrumentation (HostingDefaults) does the rest. Activity
/// sources and meters are seen process-wide, so the spans of other hosts in the process are here
/// too: tests pick theirs by trace id.
/// </summary>
public sealed class TelemetryCapture
{
    // The exporters add from the threads that end spans and collect metrics; a test reads meanwhile.
    private readonly Locked<Activity> spans = new();
    private readonly Locked<MetricSnapshot> metrics = new();
    private IServiceProvider? services;

    /// <summary>Adds the exporters to a host's services.</summary>
    public void Register(IServiceCollection collection) => collection.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
        .WithMetrics(meters => meters.AddInMemoryExporter(metrics));

    /// <summary>Binds the capture to its started host, whose providers it flushes.</summary>
    public void Attach(ServiceHost host) => services = host.Services;

    /// <summary>The spans ended so far (each is exported as it ends).</summary>
    public IReadOnlyList<Activity> Spans => spans.Snapshot();

    /// <summary>The sum of a counter's points so far, over the points <paramref name="tagged"/> accepts, collected now.</summary>
    public long Sum(string instrument, Func<MetricPoint, bool> tagged)
    {
        var provider = (services ?? throw new InvalidOperationException("Attach the capture to its host first.")).GetRequiredService<MeterProvider>();
        metrics.Clear();
        provider.ForceFlush();
        // Cumulative sums: the latest collection of the instrument holds them all.
        return metrics.Snapshot().LastOrDefault(m => m.Name == instrument)?.MetricPoints.Where(tagged).Sum(p => p.GetSumLong()) ?? 0;
    }

    private sealed class Locked<T> : Collection<T>
    {
        public T[] Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, T item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (Items)
            {
                base.ClearItems();
            }
        }
    }
}
