namespace TradeGrpc.ServiceDefaults.Caching;

/// <summary>
/// How often a replica reads the shared store for changes it may not have heard of: every
/// <see cref="Quiet"/> when nothing woke it while in step (a wake-up can be lost), every
/// <see cref="OutOfStep"/> while it cannot hear the other replicas at all.
/// </summary>
public sealed record ReplicaPolling
{
    public ReplicaPolling(TimeSpan quiet, TimeSpan outOfStep)
    {
        Quiet = quiet > TimeSpan.Zero ? quiet : throw new ArgumentOutOfRangeException(nameof(quiet), quiet, "Replicas:QuietPollInterval must be more than zero.");
        OutOfStep = outOfStep > TimeSpan.Zero ? outOfStep : throw new ArgumentOutOfRangeException(nameof(outOfStep), outOfStep, "Replicas:OutOfStepPollInterval must be more than zero.");
    }

    public TimeSpan Quiet { get; }

    public TimeSpan OutOfStep { get; }

}
