namespace TradeGrpc.Benchmarks;

/// <summary>
/// Call latencies in logarithmic buckets (eight per doubling, so a percentile is within 9%),
/// recorded without allocating so that measuring does not disturb what is measured.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 8;
    private readonly long[] counts = new long[BucketsPerDoubling * 40];

    public long Count { get; private set; }

    public void Record(TimeSpan latency)
    {
        var microseconds = Math.Max(1, latency.Ticks / (TimeSpan.TicksPerMillisecond / 1000));
        var bucket = (int)(Math.Log2(microseconds) * BucketsPerDoubling);
        counts[Math.Min(bucket, counts.Length - 1)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] += other.counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The upper bound of the bucket that holds the <paramref name="quantile"/> (0 to 1) of the calls.</summary>
    public TimeSpan Percentile(double quantile)
    {
        var rank = (long)Math.Ceiling(quantile * Count);
        var seen = 0L;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank && seen > 0)
            {
                return TimeSpan.FromMicroseconds(Math.Pow(2, (i + 1) / (double)BucketsPerDoubling));
            }
        }

        return TimeSpan.Zero;
    }
}
