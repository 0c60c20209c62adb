namespace TradeGrpc.Messaging;

/// <summary>
/// How often a replica reads the shared store for changes it may not have heard of (section
/// <c>Replicas</c>): every <see cref="QuietPollInterval"/> when nothing woke a watcher while in
/// step (a wake-up can be lost), every <see cref="InStepPollInterval"/> for the store's revisions
/// while in step (a writer that dies between its commit and its message tells no one), and every
/// <see cref="OutOfStepPollInterval"/> while it cannot hear the other replicas at all.
/// </summary>
public sealed class ReplicaOptions
{
    public const string Section = "Replicas";

    public TimeSpan QuietPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan InStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutOfStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
