using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// WatchNegotiation fan-out across replicas: two negotiation binaries share a store (a PostgreSQL
/// server of its own) and hear each other through a Redis of its own, as docker-compose.yml runs
/// them. 1,000 watchers of one negotiation, half on each replica, each a server stream of
/// Grpc.Net.Client; one channel per replica, whose handler opens another HTTP/2 connection each
/// time 100 streams are open (Limits:MaxStreamsPerConnection's default). Statements are recorded
/// on the first replica one at a time, each once every watcher has the one before; for each
/// watcher and statement the delay runs from the RecordStatement call's answer (the commit, as the
/// writer learns of it) to the event's arrival. A watcher on the writing replica can receive the
/// event before the writer has its answer, so delays can be negative. The first statement is not
/// counted: once every watcher has it, every stream is known to be open and live.
/// </summary>
internal static class FanoutBenchmark
{
    private const int Watchers = 1000;
    private const int Events = 20;
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    // Far above any delivery seen (the replicas also poll the store every 5 s in case a message is lost).
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    public static async Task<IReadOnlyList<Verdict>> RunAsync()
    {
        Console.WriteLine($"== fanout: {Watchers:N0} watchers over two negotiation replicas, {Events} statements; {MachineLoad.Describe()}");
        using var credentials = new BenchmarkCredentials();
        await using var postgres = await PostgresServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        // Every watch comes from the one caller of the analyst token: its cap of open watches is lifted like its rate.
        string[] settings = [ServiceProcess.WarningsOnly, "--Sample:File=", redis.Setting, $"--Limits:WatchesPerCaller={Watchers}", .. await postgres.CreateStoreAsync("Negotiation")];
        var dll = ServiceBinary.Locate(null, "Negotiation");
        using var writerData = new ScratchFolder();
        using var otherData = new ScratchFolder();
        await using var writer = ServiceProcess.Start(dll, writerData.Path, credentials, settings);
        await using var other = ServiceProcess.Start(dll, otherData.Path, credentials, settings);
        await writer.WaitUntilServingAsync(GiveUp);
        await other.WaitUntilServingAsync(GiveUp);

        using var negotiator = LoadGenerator.Channel(writer.Address, credentials.TokenOf("negotiator"));
        var client = new NegotiationService.NegotiationServiceClient(negotiator);
        var talks = await NegotiationCalls.CreateAsync(negotiator, "Watched talks");
        var created = (await client.ListEventsAsync(new ListEventsRequest { Parent = talks })).Events.Max(e => e.Sequence);

        var arrivals = new long[Watchers, Events + 1];
        var subjects = new string[Watchers, Events + 1];
        var delivered = new int[Events + 1];
        var everyWatcher = Enumerable.Range(0, Events + 1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var failed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var resumed = 0;
        // A watch the replica ends with UNAVAILABLE is opened again after the last event it had, as
        // the contract intends a watcher to resume; each time is counted and printed.
        async Task WatchAsync(int watcher, GrpcChannel channel)
        {
            var next = 0;
            var last = created;
            var client = new NegotiationService.NegotiationServiceClient(channel);
            while (next <= Events)
            {
                try
                {
                    using var call = client.WatchNegotiation(new WatchNegotiationRequest { Name = talks, AfterSequence = last }, cancellationToken: stop.Token);
                    await foreach (var e in call.ResponseStream.ReadAllAsync(stop.Token))
                    {
                        arrivals[watcher, next] = Stopwatch.GetTimestamp();
                        subjects[watcher, next] = e.Subject;
                        last = e.Sequence;
                        if (Interlocked.Increment(ref delivered[next]) == Watchers)
                        {
                            everyWatcher[next].SetResult();
                        }

                        if (++next > Events)
                        {
                            return;
                        }
                    }
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref resumed);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return; // The suite is over.
                }
                catch (Exception ex)
                {
                    failed.TrySetResult(ex);
                    return;
                }
            }
        }

        using var watchWriter = LoadGenerator.Channel(writer.Address, credentials.Token);
        using var watchOther = LoadGenerator.Channel(other.Address, credentials.Token);
        var watching = Enumerable.Range(0, Watchers).Select(w => WatchAsync(w, w % 2 == 0 ? watchWriter : watchOther)).ToList();

        var written = new string[Events + 1];
        var answered = new long[Events + 1];
        var calls = new List<double>();
        string? shortfall = null;
        var resumedWhileOpening = 0;
        for (var k = 0; k <= Events && shortfall is null; k++)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                written[k] = (await client.RecordStatementAsync(NegotiationCalls.Statement(talks))).Name;
            }
            catch (RpcException ex)
            {
                shortfall = $"RecordStatement {k} failed: {ex.Status}";
                break;
            }

            answered[k] = Stopwatch.GetTimestamp();
            if (k > 0)
            {
                calls.Add(Stopwatch.GetElapsedTime(sent, answered[k]).TotalMilliseconds);
            }

            var first = await Task.WhenAny(everyWatcher[k].Task, failed.Task, Task.Delay(DeliveryTimeout));
            if (k == 0)
            {
                resumedWhileOpening = Volatile.Read(ref resumed);
            }

            if (first == failed.Task)
            {
                shortfall = $"a watch failed: {failed.Task.Result.Message}";
            }
            else if (first != everyWatcher[k].Task)
            {
                shortfall = $"statement {k} reached {Volatile.Read(ref delivered[k])} of {Watchers} watchers in {DeliveryTimeout.TotalSeconds} s";
            }
        }

        var writerPeak = writer.MemoryMiB("VmHWM");
        var otherPeak = other.MemoryMiB("VmHWM");
        await stop.CancelAsync();
        await Task.WhenAll(watching);

        // Statement 0 opened the streams; the rest are measured.
        var sameReplica = new List<double>();
        var otherReplica = new List<double>();
        var wrong = 0;
        for (var w = 0; w < Watchers; w++)
        {
            for (var k = 1; k <= Events; k++)
            {
                if (subjects[w, k] is null)
                {
                    continue;
                }

                wrong += subjects[w, k] == written[k] ? 0 : 1;
                // Negative when the event arrived before the writer's answer.
                (w % 2 == 0 ? sameReplica : otherReplica).Add(Stopwatch.GetElapsedTime(answered[k], arrivals[w, k]).TotalMilliseconds);
            }
        }

        Console.WriteLine($"{"watchers",-24} {"delivered",16} {"min",9} {"p50",9} {"p99",9} {"max",9}   (ms from the RecordStatement answer to the event)");
        Print("on the writing replica", sameReplica, Watchers / 2 * Events);
        Print("on the other replica", otherReplica, Watchers / 2 * Events);
        Print("all", [.. sameReplica, .. otherReplica], Watchers * Events);
        Console.WriteLine($"watches ended by their replica with UNAVAILABLE and opened again: {resumedWhileOpening:N0} until every watcher had the first (unmeasured) statement, {resumed - resumedWhileOpening:N0} after");
        calls.Sort();
        if (calls.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RecordStatement on the writing replica, the {calls.Count} measured: p50 {Percentile(calls, 0.5):0.00} ms, max {calls[^1]:0.00} ms"));
        }

        Console.WriteLine($"peak RSS {writerPeak} MiB (writing replica), {otherPeak} MiB (other); {MachineLoad.Describe()}");

        var count = sameReplica.Count + otherReplica.Count;
        var measured = shortfall ?? $"{count:N0} of {Watchers * Events:N0} deliveries{(wrong > 0 ? $", {wrong} not the statement written in that place" : "")}";
        return [new("fanout: every watcher got every event", measured, shortfall is null && wrong == 0 && count == Watchers * Events)];
    }

    private static void Print(string who, List<double> delays, int expected)
    {
        delays.Sort();
        Console.WriteLine(delays.Count == 0
            ? $"{who,-24} {$"0/{expected:N0}",16}"
            : string.Create(CultureInfo.InvariantCulture,
                $"{who,-24} {$"{delays.Count:N0}/{expected:N0}",16} {delays[0],9:0.00} {Percentile(delays, 0.5),9:0.00} {Percentile(delays, 0.99),9:0.00} {delays[^1],9:0.00}"));
    }

    // Nearest rank, of sorted values.
    private static double Percentile(List<double> sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
