using System.Globalization;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// LookupRates and QuoteDuty calls/s against the no-op RPC served by the same process. After a
/// warm-up of all three, runs of equal length go no-op, then rounds of lookup, quote, no-op: each
/// lookup and quote run is compared with the mean of the no-op runs just before and after it,
/// so that drift (of this machine or of the runtime) shows and cancels; the ratio is the mean over rounds.
/// </summary>
internal static class ThroughputBenchmark
{
    public const double LookupTarget = 0.85;
    public const double QuoteTarget = 0.5;

    public static async Task<IReadOnlyList<Verdict>> RunAsync(InProcessHost host, BenchmarkOptions options)
    {
        Console.WriteLine($"== throughput: {options.Callers} callers over {options.Channels} HTTP/2 connections; " +
            $"warm-up of {options.Warmup.TotalSeconds} s or more, then runs of {options.Duration.TotalSeconds} s: " +
            $"no-op + {options.Rounds} x (lookup, quote, no-op); {MachineLoad.Describe()}");
        if (options.WithoutValidation)
        {
            Console.WriteLine("DIAGNOSIS: the server skips request validation; the numbers are not the service's and draw no verdict");
        }

        var channels = LoadGenerator.OpenChannels(host.Address, options.Channels);
        try
        {
            await TariffCalls.CheckAnswersAsync(channels[0]);
            var load = new LoadGenerator(channels, options.Callers);
            var runs = new List<LoadResult>();
            await Warmup.RunAsync(load, options.Warmup, runs);

            var rounds = new List<ThroughputRound>();
            var noopBefore = await MeasureAsync(load, TariffCalls.Noop, options.Duration, runs);
            for (var i = 0; i < options.Rounds; i++)
            {
                var lookup = await MeasureAsync(load, TariffCalls.Lookup, options.Duration, runs);
                var quote = await MeasureAsync(load, TariffCalls.Quote, options.Duration, runs);
                var noopAfter = await MeasureAsync(load, TariffCalls.Noop, options.Duration, runs);
                rounds.Add(new ThroughputRound(noopBefore, lookup, quote, noopAfter));
                noopBefore = noopAfter;
            }

            Console.WriteLine($"after: {MachineLoad.Describe()}");
            return Judge(rounds, runs, options.WithoutValidation);
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    private static async Task<LoadResult> MeasureAsync(LoadGenerator load, RpcUnderLoad rpc, TimeSpan duration, List<LoadResult> runs)
    {
        // Garbage of the previous run is not billed to this one.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var result = await load.RunAsync(rpc, duration);
        Console.WriteLine(result);
        runs.Add(result);
        return result;
    }

    private static List<Verdict> Judge(List<ThroughputRound> rounds, List<LoadResult> runs, bool diagnosis)
    {
        Console.WriteLine("round  no-op calls/s before, after   calls/s ratio: lookup  quote   CPU/call ratio: lookup  quote");
        for (var i = 0; i < rounds.Count; i++)
        {
            var round = rounds[i];
            Console.WriteLine($"{i + 1,5}  {round.NoopBefore.CallsPerSecond,13:N0} {round.NoopAfter.CallsPerSecond,8:N0}" +
                $"   {round.LookupRatio,20:0.000} {round.QuoteRatio,6:0.000}   {round.LookupCpuRatio,21:0.000} {round.QuoteCpuRatio,6:0.000}");
        }

        var lookupRatio = rounds.Average(r => r.LookupRatio);
        var quoteRatio = rounds.Average(r => r.QuoteRatio);
        var noops = rounds.Select(r => r.NoopBefore).Append(rounds[^1].NoopAfter).ToList();
        var drift = (noops[^1].CallsPerSecond - noops[0].CallsPerSecond) / noops.Average(n => n.CallsPerSecond);
        Console.WriteLine($" mean  no-op drift {drift,14:+0.0%;-0.0%}   {lookupRatio,20:0.000} {quoteRatio,6:0.000}" +
            $"   {rounds.Average(r => r.LookupCpuRatio),21:0.000} {rounds.Average(r => r.QuoteCpuRatio),6:0.000}");
        Console.WriteLine("(CPU/call ratio: no-op CPU time per call over the RPC's, client and server together; " +
            "steadier than calls/s on a busy machine, shown for reading, not judged)");

        var failed = runs.Sum(r => r.Failed);
        var firstError = runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null);
        List<Verdict> verdicts =
        [
            new("every call OK (warm-up and measured)", failed == 0 ? "0 failed" : $"{failed} failed, first: {firstError}", failed == 0),
        ];
        if (diagnosis)
        {
            return verdicts;
        }

        var lookup = rounds.Average(r => r.Lookup.CallsPerSecond);
        var quote = rounds.Average(r => r.Quote.CallsPerSecond);
        var noop = noops.Average(n => n.CallsPerSecond);
        verdicts.Add(new($"LookupRates / no-op >= {LookupTarget.ToString(CultureInfo.InvariantCulture)}",
            $"{lookupRatio:0.000} ({lookup:N0} vs {noop:N0} calls/s)", lookupRatio >= LookupTarget));
        verdicts.Add(new($"QuoteDuty (10 lines) / no-op >= {QuoteTarget.ToString(CultureInfo.InvariantCulture)}",
            $"{quoteRatio:0.000} ({quote:N0} vs {noop:N0} calls/s)", quoteRatio >= QuoteTarget));
        return verdicts;
    }
}
