namespace TradeGrpc.ServiceDefaults.Caching;

/// <summary>
/// How often a replica reads the shared store for changes it may not have heard of: every
/// <paramref name="Quiet"/> when nothing woke it while in step (a wake-up can be lost), every
/// <paramref name="OutOfStep"/> while it cannot hear the other replicas at all.
/// </summary>
public sealed record ReplicaPolling(TimeSpan Quiet, TimeSpan OutOfStep)
{
    /// <summary>The interval that applies now.</summary>
    public TimeSpan Interval(ReplicaBus bus) => bus.InStep ? Quiet : OutOfStep;
}
