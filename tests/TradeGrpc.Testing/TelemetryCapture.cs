using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace TradeGrpc.Testing;

/// <summary>
/// An in-memory exporter of one host's traces: <see cref="Register"/> goes to the host's builder,
/// and the host's own instrumentation (HostingDefaults) does the rest. Activity sources are seen
/// process-wide, so the spans of other hosts in the process are here too: tests pick theirs by
/// trace id.
/// </summary>
public sealed class TelemetryCapture
{
    // The exporter adds from the threads that end spans; a test reads meanwhile.
    private readonly Locked<Activity> spans = new();

    /// <summary>Adds the exporter to a host's services.</summary>
    public void Register(IServiceCollection collection) => collection.AddOpenTelemetry()
        .WithTracing(tracing => tracing.AddInMemoryExporter(spans));

    /// <summary>The spans ended so far (each is exported as it ends).</summary>
    public IReadOnlyList<Activity> Spans => spans.Snapshot();

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
    }
}
