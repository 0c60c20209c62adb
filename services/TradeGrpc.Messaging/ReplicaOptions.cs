namespace TradeGrpc.Messaging;

/// <summary>
/// How often a replica reads the shared store for changes it may not have heard of (section
/// <c>Replicas</c>): every <see cref="QuietPollInterval"/> when nothing woke it while in step (a
/// wake-up can be lost), every <see cref="OutOfStepPollInterval"/> while it cannot hear the other
/// replicas at all.
/// </summary>
public sealed class ReplicaOptions
{
    public const string Section = "Replicas";

    public TimeSpan QuietPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan OutOfStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
