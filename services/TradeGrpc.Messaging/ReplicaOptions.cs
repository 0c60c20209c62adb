namespace TradeGrpc.Messaging;

/// <summary>
/// How often a replica reads the shared store for changes it may not have heard of (section
/// <c>Replicas</c>): every <see cref="QuietPollInterval"/> when nothing woke a watcher while in
/// step (a wake-up can be lost), every <see cref="InStepPollInterval"/> for the store's revisions
/// while in step (a writer that dies between its commit and its message tells no one), and every
/// <see cref="OutOfStepPollInterval"/> while it cannot hear the other replicas at all; and the key
/// their messages are signed with (<see cref="MessageKey"/>).
/// </summary>
public sealed class ReplicaOptions
{
    public const string Section = "Replicas";

    public TimeSpan QuietPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan InStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutOfStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Base64 of at least 32 bytes, the same on every replica of the service; when unset, a secret
    /// kept in the service's store, made by the first replica that needs it.
    /// </summary>
    public string? MessageKey { get; set; }

    /// <summary>The bytes of <see cref="MessageKey"/>, or null when it is unset or not base64 of at least 32 bytes.</summary>
    internal byte[]? MessageKeyBytes()
    {
        var bytes = new byte[MessageKey?.Length ?? 0];
        return Convert.TryFromBase64String(MessageKey ?? "", bytes, out var length) && length >= 32 ? bytes[..length] : null;
    }
}
