using System.Diagnostics;
using System.Globalization;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// The negotiation binary with a long negotiation, on its default store (SQLite): its first start
/// on an empty folder to SERVING and to the sample talks listed; then --statements statements
/// recorded on one new negotiation by h2load (4 connections of 8 calls in flight, as fast as the
/// service takes them; no request_id, as in the write suite), their time and the rows counted; the
/// resident memory once it has settled; GetNegotiation of that negotiation under h2load; and a
/// warm start of the binary on that store, to SERVING and to the long negotiation's first answer.
/// </summary>
internal static class MemoryBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Verdict>> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"== memory: the negotiation binary with {options.Statements:N0} statements on one negotiation; {MachineLoad.Describe()}");
        await H2Load.EnsureInstalledAsync();
        var dll = ServiceBinary.Locate(null, "Negotiation");
        using var credentials = new BenchmarkCredentials();
        using var data = new ScratchFolder();
        using var scratch = new ScratchFolder();
        var seconds = $"-D {(int)options.Duration.TotalMilliseconds}ms";
        var negotiator = credentials.TokenOf("negotiator");

        TimeSpan first;
        string talks;
        long stored;
        await using (var negotiation = ServiceProcess.Start(dll, data.Path, credentials, ServiceProcess.WarningsOnly))
        {
            first = await negotiation.WaitUntilServingAsync(GiveUp);
            await NegotiationCalls.SampleTalksAsync(negotiation.Channel, GiveUp);
            Console.WriteLine($"first start (empty folder): SERVING after {first.TotalSeconds:0.00} s, sample talks listed after {negotiation.SinceStart.TotalSeconds:0.00} s; " +
                $"VmRSS {negotiation.MemoryMiB("VmRSS")} MiB");

            using var writer = LoadGenerator.Channel(negotiation.Address, negotiator);
            talks = await NegotiationCalls.CreateAsync(writer, "Talks of many statements");
            var record = new H2LoadCall("RecordStatement", negotiation, NegotiationCalls.Service + "RecordStatement", NegotiationCalls.Statement(talks), negotiator);
            await record.WriteRequestAsync(scratch.Path);
            var recorded = await record.RunAsync(4, 8, $"-n {options.Statements}", scratch.Path);
            stored = await NegotiationCalls.CountStatementsAsync(negotiation.Address, negotiator, talks);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{options.Statements:N0} RecordStatement calls in {recorded.Elapsed.TotalSeconds:0.0} s ({recorded.CallsPerSecond:N0} calls/s, p50 {H2LoadRun.Ms(recorded.P50)}, " +
                $"p99 {H2LoadRun.Ms(recorded.P99)}); {stored:N0} statements stored; peak VmHWM {negotiation.MemoryMiB("VmHWM")} MiB; {MachineLoad.Describe()}"));

            var (settled, after) = await SettledAsync(negotiation);
            Console.WriteLine($"VmRSS {settled} MiB once settled ({after.TotalSeconds:0} s after the last write)");

            var get = new H2LoadCall("GetNegotiation", negotiation, NegotiationCalls.Service + "GetNegotiation", new GetNegotiationRequest { Name = talks }, credentials.Token);
            await get.WriteRequestAsync(scratch.Path);
            var loaded = await get.RunAsync(4, 8, seconds, scratch.Path);
            var single = await get.RunAsync(1, 1, seconds, scratch.Path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GetNegotiation of it: {loaded.CallsPerSecond:N0} calls/s at 4x8 (p50 {H2LoadRun.Ms(loaded.P50)}, p99 {H2LoadRun.Ms(loaded.P99)}); " +
                $"1 in flight p50 {H2LoadRun.Ms(single.P50)}, p99 {H2LoadRun.Ms(single.P99)}; VmRSS after {negotiation.MemoryMiB("VmRSS")} MiB, " +
                $"peak VmHWM {negotiation.MemoryMiB("VmHWM")} MiB; {MachineLoad.Describe()}"));
        }

        TimeSpan warm;
        await using (var negotiation = ServiceProcess.Start(dll, data.Path, credentials, ServiceProcess.WarningsOnly))
        {
            warm = await negotiation.WaitUntilServingAsync(GiveUp);
            await new NegotiationService.NegotiationServiceClient(negotiation.Channel).GetNegotiationAsync(new GetNegotiationRequest { Name = talks });
            Console.WriteLine($"warm start (same folder): SERVING after {warm.TotalSeconds:0.00} s, first GetNegotiation of the long talks answered after " +
                $"{negotiation.SinceStart.TotalSeconds:0.00} s; VmRSS {negotiation.MemoryMiB("VmRSS")} MiB");
        }

        var target = StartupBenchmark.StartTarget;
        return
        [
            new($"memory: {options.Statements:N0} statements stored", $"{stored:N0}", stored == options.Statements),
            new($"memory: negotiation first start to SERVING < {target.TotalSeconds} s", $"{first.TotalSeconds:0.00} s", first < target),
            new($"memory: negotiation warm start to SERVING < {target.TotalSeconds} s", $"{warm.TotalSeconds:0.00} s", warm < target),
        ];
    }

    /// <summary>
    /// Reads VmRSS each second until two readings in a row are within 1 MiB (30 s at most): the
    /// garbage of the writes collected and the heap trimmed as far as the runtime does by itself.
    /// </summary>
    private static async Task<(long MiB, TimeSpan After)> SettledAsync(ServiceProcess service)
    {
        var clock = Stopwatch.StartNew();
        var last = service.MemoryMiB("VmRSS");
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = service.MemoryMiB("VmRSS");
            if (Math.Abs(now - last) <= 1)
            {
                return (now, clock.Elapsed);
            }

            last = now;
        }

        return (last, clock.Elapsed);
    }
}
