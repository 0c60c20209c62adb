using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using Grpc.Core;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace TradeGrpc.Benchmarks;

/// <summary>What a server had counted at one moment: the calls that had ended, and those that ended with each status other than OK.</summary>
internal sealed record CallTally(long Calls, IReadOnlyDictionary<StatusCode, long> Failed)
{
    /// <summary>What the server counted from <paramref name="before"/> to this tally.</summary>
    public CallTally Since(CallTally before) => new(
        Calls - before.Calls,
        Failed.Select(f => (f.Key, Count: f.Value - before.Failed.GetValueOrDefault(f.Key))).Where(f => f.Count > 0).ToDictionary(f => f.Key, f => f.Count));

    public override string ToString() =>
        string.Join(", ", Failed.OrderBy(f => f.Key).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Value} {f.Key}")));
}

/// <summary>
/// The gRPC calls a server finished and the status of each that did not end OK, as grpc-dotnet's
/// own event source (<c>Grpc.AspNetCore.Server</c>) counts them: h2load sees HTTP statuses only,
/// and a gRPC error travels in the trailers of an HTTP 200. Read from a service process over
/// EventPipe, the runtime's diagnostics channel that dotnet-counters reads, or from a host in this
/// process with an <see cref="EventListener"/>. While a session listens, the source counts each
/// call with a few interlocked increments, on every host alike: no event is written per call,
/// only one per call that fails and the counters five times a second. A call counts as ended once
/// it has (total less current): a stream that stays open, such as the negotiation service's watch of
/// the tariff book, is in neither tally until it ends.
/// </summary>
internal abstract class GrpcCallCounts : IDisposable
{
    private const string SourceName = "Grpc.AspNetCore.Server";

    private static readonly Dictionary<string, string?> CounterInterval = new() { ["EventCounterIntervalSec"] = "0.2" };

    private readonly Lock gate = new();
    private readonly Dictionary<StatusCode, long> failedByStatus = [];
    private long totalCalls;
    private long currentCalls;
    private long failedCalls;
    private long totalReadings;
    private TaskCompletionSource reading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? broken;

    /// <summary>The counts of the service process <paramref name="processId"/>, over EventPipe.</summary>
    public static GrpcCallCounts OfProcess(int processId) => new EventPipeCounts(processId, [new EventPipeProvider(SourceName, EventLevel.Informational, -1, CounterInterval)]);

    /// <summary>The counts of the hosts in this process, which all share one event source.</summary>
    public static GrpcCallCounts InThisProcess() => new ListenerCounts();

    /// <summary>
    /// The tally once the server is quiet: a reading of the counters taken after this call began,
    /// with the same calls started and in flight as the reading before it, and a status for every
    /// failed call counted. Calls that ended before this call are all in it.
    /// </summary>
    public async Task<CallTally> SettledAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        (long Total, long Current)? previous = null;
        TimeSpan left;
        while ((left = timeout - clock.Elapsed) > TimeSpan.Zero)
        {
            Task next;
            lock (gate)
            {
                next = reading.Task;
            }

            try
            {
                // Throws what broke the reading, if it broke.
                await next.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                break;
            }

            lock (gate)
            {
                var everyFailureNamed = failedByStatus.Values.Sum() == failedCalls;
                if (previous == (totalCalls, currentCalls) && everyFailureNamed)
                {
                    return new CallTally(totalCalls - currentCalls, new Dictionary<StatusCode, long>(failedByStatus));
                }

                previous = (totalCalls, currentCalls);
            }
        }

        throw new TimeoutException($"the server's gRPC call counters did not settle in {timeout.TotalSeconds} s");
    }

    public abstract void Dispose();

    /// <summary>A counter's value, as the event source reports it every interval.</summary>
    protected void OnCounter(string name, double value)
    {
        lock (gate)
        {
            switch (name)
            {
                case "total-calls":
                    totalCalls = (long)value;
                    totalReadings++;
                    break;
                case "current-calls":
                    currentCalls = (long)value;
                    break;
                case "calls-failed":
                    failedCalls = (long)value;
                    // The last of the three each interval: a whole reading.
                    if (totalReadings > 0)
                    {
                        reading.TrySetResult();
                        reading = NewReading();
                    }

                    break;
            }
        }
    }

    /// <summary>A call that ended with <paramref name="status"/>, not OK.</summary>
    protected void OnFailed(StatusCode status)
    {
        lock (gate)
        {
            failedByStatus[status] = failedByStatus.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>The reading stopped on <paramref name="error"/>: every wait for a reading fails with it.</summary>
    protected void OnBroken(Exception error)
    {
        lock (gate)
        {
            broken = error;
            reading.TrySetException(error);
        }
    }

    private TaskCompletionSource NewReading()
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (broken is not null)
        {
            next.SetException(broken);
        }

        return next;
    }

    /// <summary>A session on another process's diagnostics channel, its events read on a thread of their own.</summary>
    private sealed class EventPipeCounts : GrpcCallCounts
    {
        private readonly EventPipeSession session;
        private readonly Task reader;

        public EventPipeCounts(int processId, EventPipeProvider[] providers)
        {
            session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false);
            var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += Read;
            reader = Task.Factory.StartNew(() => source.Process(), TaskCreationOptions.LongRunning)
                .ContinueWith(read => OnBroken(read.Exception?.InnerException ?? new EndOfStreamException("the service's diagnostics channel closed")), TaskScheduler.Default);
        }

        public override void Dispose()
        {
            try
            {
                session.Stop();
            }
            catch (ServerNotAvailableException)
            {
                // The process has gone, and its session with it.
            }

            reader.Wait(TimeSpan.FromSeconds(10));
            session.Dispose();
        }

        private void Read(TraceEvent e)
        {
            if (e.ProviderName != SourceName)
            {
                return;
            }

            if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer && outer["Payload"] is IDictionary<string, object> counter)
            {
                OnCounter((string)counter["Name"], Convert.ToDouble(counter["Mean"], CultureInfo.InvariantCulture));
            }
            else if (e.EventName == "CallFailed")
            {
                OnFailed((StatusCode)Convert.ToInt32(e.PayloadByName("statusCode"), CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>An in-process listener on the one event source every host in this process shares.</summary>
    private sealed class ListenerCounts : GrpcCallCounts
    {
        private readonly Listener listener;

        public ListenerCounts() => listener = new Listener(this);

        public override void Dispose() => listener.Dispose();

        private sealed class Listener(ListenerCounts owner) : EventListener
        {
            protected override void OnEventSourceCreated(EventSource eventSource)
            {
                if (eventSource.Name == SourceName)
                {
                    EnableEvents(eventSource, EventLevel.Informational, EventKeywords.All, CounterInterval);
                }
            }

            protected override void OnEventWritten(EventWrittenEventArgs e)
            {
                if (e.EventName == "EventCounters" && e.Payload?[0] is IDictionary<string, object> counter)
                {
                    owner.OnCounter((string)counter["Name"], Convert.ToDouble(counter["Mean"], CultureInfo.InvariantCulture));
                }
                else if (e.EventName == "CallFailed" && e.Payload?[0] is { } status)
                {
                    owner.OnFailed((StatusCode)Convert.ToInt32(status, CultureInfo.InvariantCulture));
                }
            }
        }
    }
}
