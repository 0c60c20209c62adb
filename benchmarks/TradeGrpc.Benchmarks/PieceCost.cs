using System.Diagnostics;

namespace TradeGrpc.Benchmarks;

/// <summary>Time and memory one piece of a call takes on one thread: the best of three timed windows after a warm-up.</summary>
internal sealed record PieceCost(double Microseconds, double KiB)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(300);

    public override string ToString() => $"{Microseconds,8:N1} us {KiB,7:N1} KiB";

    public static async Task<PieceCost> MeasureAsync(Func<Task> piece)
    {
        await RunForAsync(piece, Window);
        var best = new PieceCost(double.MaxValue, 0);
        for (var i = 0; i < 3; i++)
        {
            var cost = await RunForAsync(piece, Window);
            best = cost.Microseconds < best.Microseconds ? cost : best;
        }

        return best;
    }

    private static async Task<PieceCost> RunForAsync(Func<Task> piece, TimeSpan window)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < window)
        {
            await piece();
            count++;
        }

        // The pieces complete synchronously, so everything they allocate is this thread's.
        return new PieceCost(clock.Elapsed.TotalMicroseconds / count, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / count);
    }
}
