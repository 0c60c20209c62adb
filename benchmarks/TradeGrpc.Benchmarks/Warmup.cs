using System.Diagnostics;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// The three RPCs in turn, in windows of <see cref="Window"/>, for at least the given time and until
/// each one's CPU time per call changed by less than 15% from the turn before (at most
/// <see cref="Limit"/>): with both cores busy, tiered compilation takes 10 to 20 s to give the hot
/// paths their final code, and a run before that measures the JIT, not the service.
/// </summary>
internal static class Warmup
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(32);

    public static async Task RunAsync(LoadGenerator load, TimeSpan minimum, List<LoadResult> runs)
    {
        var clock = Stopwatch.StartNew();
        LoadResult[]? previous = null;
        while (clock.Elapsed < Limit)
        {
            var turn = new List<LoadResult>();
            foreach (var rpc in new[] { TariffCalls.Noop, TariffCalls.Lookup, TariffCalls.Quote })
            {
                turn.Add(await load.RunAsync(rpc, Window));
            }

            runs.AddRange(turn);
            Console.WriteLine($"warm-up, CPU us/call: {string.Join(", ", turn.Select(r => $"{r.Name} {r.CpuMicrosecondsPerCall:N1}"))}");
            var steady = previous is not null && turn.Zip(previous).All(p =>
                Math.Abs(p.First.CpuMicrosecondsPerCall - p.Second.CpuMicrosecondsPerCall) < 0.15 * p.Second.CpuMicrosecondsPerCall);
            if (steady && clock.Elapsed >= minimum)
            {
                return;
            }

            previous = [.. turn];
        }

        Console.WriteLine($"warm-up: not steady after {Limit.TotalSeconds} s; measuring anyway");
    }
}
