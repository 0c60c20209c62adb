using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Replicas:QuietPollInterval must be from 1 ms to 1 day.")]
    public TimeSpan QuietPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "Replicas:OutOfStepPollInterval must be from 1 ms to 1 day.")]
    public TimeSpan OutOfStepPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

[OptionsValidator]
public sealed partial class ReplicaOptionsValidator : IValidateOptions<ReplicaOptions>;
