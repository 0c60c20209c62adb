namespace TradeGrpc.Benchmarks;

/// <summary>
/// What one RPC's run under load measured. CPU time, allocations and collections are the whole
/// process's (client and server): CPU time per call holds steadier than calls/s when other
/// programs compete for the cores.
/// </summary>
internal sealed record LoadResult(
    string Name, long Ok, long Failed, TimeSpan Elapsed, TimeSpan CpuTime, long AllocatedBytes, int Gen0Collections, LatencyHistogram Latency, string? FirstError)
{
    public double CallsPerSecond => Ok / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerCall => Ok == 0 ? double.NaN : CpuTime.TotalMicroseconds / Ok;

    public long AllocatedPerCall => Ok == 0 ? 0 : AllocatedBytes / Ok;

    public override string ToString() =>
        $"{Name,-21} {CallsPerSecond,7:N0} calls/s {Ok,8:N0} OK {Failed,2:N0} failed  " +
        $"p50 {Latency.Percentile(0.5).TotalMilliseconds,6:N2} ms p99 {Latency.Percentile(0.99).TotalMilliseconds,6:N2} ms  " +
        $"CPU {CpuMicrosecondsPerCall,6:N1} us/call  {AllocatedPerCall / 1024.0,5:N1} KiB/call  {Gen0Collections,4} gen0 GCs";
}
