namespace TradeGrpc.Client;

/// <summary>How a TradeGrpc client reaches its service.</summary>
public sealed class TradeClientOptions
{
    /// <summary>The service's address, for example <c>http://127.0.0.1:5101</c>.</summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// The deadline given to calls that set none themselves and inherit none from the gRPC call
    /// they are made in. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included, when the service answers UNAVAILABLE.</summary>
    public int MaxAttempts { get; set; } = 4;
}
