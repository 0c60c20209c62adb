using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Hosting;

/// <summary>
/// What one host takes on at once and from one caller (section <c>Limits</c>). Defaults are
/// set for one replica on two cores; the README's limits table lists each with its default.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Open connections the host accepts; more wait in the kernel's queue or are refused.</summary>
    public long MaxConnections { get; set; } = 10_000;

    /// <summary>Calls one HTTP/2 connection may have in flight at once.</summary>
    public int MaxStreamsPerConnection { get; set; } = 100;

    /// <summary>How long a quiet connection waits before the server pings it.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the server closes the connection.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The most header bytes one request may send.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>The longest a unary call may run, whatever deadline its caller set (or none).</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a streaming call may run (a watch, an import); a watch resumes from where it was.</summary>
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Calls one caller may make each second, on average.</summary>
    public int CallsPerSecondPerCaller { get; set; } = 1_000;

    /// <summary>Calls one caller may make at once after a quiet spell, above the average.</summary>
    public int CallBurstPerCaller { get; set; } = 2_000;

    /// <summary>Server-streaming calls (watches) one caller may have open at once.</summary>
    public int WatchesPerCaller { get; set; } = 16;

    /// <summary>Checks every setting, naming the first that is out of range.</summary>
    public static void Validate(OptionsBuilder<LimitsOptions> options) => options
        .Validate(o => o.MaxConnections > 0, "Limits:MaxConnections must be more than zero.")
        .Validate(o => o.MaxStreamsPerConnection > 0, "Limits:MaxStreamsPerConnection must be more than zero.")
        .Validate(o => o.KeepAlivePingDelay > TimeSpan.Zero, "Limits:KeepAlivePingDelay must be more than zero.")
        .Validate(o => o.KeepAlivePingTimeout > TimeSpan.Zero, "Limits:KeepAlivePingTimeout must be more than zero.")
        .Validate(o => o.MaxRequestHeadersBytes > 0, "Limits:MaxRequestHeadersBytes must be more than zero.")
        .Validate(o => o.MaxCallDuration > TimeSpan.Zero && o.MaxCallDuration <= MaxTimeout, "Limits:MaxCallDuration must be more than zero and at most 99,999,999 seconds.")
        .Validate(o => o.MaxStreamDuration > TimeSpan.Zero && o.MaxStreamDuration <= MaxTimeout, "Limits:MaxStreamDuration must be more than zero and at most 99,999,999 seconds.")
        .Validate(o => o.CallsPerSecondPerCaller > 0, "Limits:CallsPerSecondPerCaller must be more than zero.")
        .Validate(o => o.CallBurstPerCaller >= o.CallsPerSecondPerCaller, "Limits:CallBurstPerCaller must be at least Limits:CallsPerSecondPerCaller.")
        .Validate(o => o.WatchesPerCaller > 0, "Limits:WatchesPerCaller must be more than zero.")
        .ValidateOnStart();

    // The longest timeout the grpc-timeout header can state: eight digits of seconds.
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(99_999_999);
}

/// <summary>Kestrel's connection, stream, keep-alive and header limits, from <see cref="LimitsOptions"/>.</summary>
public sealed class KestrelLimits(IOptions<LimitsOptions> limits) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions options)
    {
        var set = limits.Value;
        options.Limits.MaxConcurrentConnections = set.MaxConnections;
        options.Limits.MaxConcurrentUpgradedConnections = set.MaxConnections;
        options.Limits.MaxRequestHeadersTotalSize = set.MaxRequestHeadersBytes;
        options.Limits.Http2.MaxStreamsPerConnection = set.MaxStreamsPerConnection;
        options.Limits.Http2.KeepAlivePingDelay = set.KeepAlivePingDelay;
        options.Limits.Http2.KeepAlivePingTimeout = set.KeepAlivePingTimeout;
    }
}
