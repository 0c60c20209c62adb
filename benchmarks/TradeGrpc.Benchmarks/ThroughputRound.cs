namespace TradeGrpc.Benchmarks;

/// <summary>A lookup run and a quote run between two no-op runs, and their ratios to the mean of those no-ops.</summary>
internal sealed record ThroughputRound(LoadResult NoopBefore, LoadResult Lookup, LoadResult Quote, LoadResult NoopAfter)
{
    private double Noop => (NoopBefore.CallsPerSecond + NoopAfter.CallsPerSecond) / 2;

    private double NoopCpu => (NoopBefore.CpuMicrosecondsPerCall + NoopAfter.CpuMicrosecondsPerCall) / 2;

    public double LookupRatio => Lookup.CallsPerSecond / Noop;

    public double QuoteRatio => Quote.CallsPerSecond / Noop;

    public double LookupCpuRatio => NoopCpu / Lookup.CpuMicrosecondsPerCall;

    public double QuoteCpuRatio => NoopCpu / Quote.CpuMicrosecondsPerCall;
}
