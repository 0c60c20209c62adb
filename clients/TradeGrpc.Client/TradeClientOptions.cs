namespace TradeGrpc.Client;

/// <summary>How a TradeGrpc client reaches its service.</summary>
public sealed class TradeClientOptions
{
    /// <summary>
    /// The service's address, for example <c>http://127.0.0.1:5101</c>, or <c>dns:///tariff:5101</c>
    /// to balance over every address a DNS name resolves to (round robin).
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// Several replicas of the service (all <c>http</c> or all <c>https</c>), balanced round robin;
    /// a replica that stops answering is skipped until it answers again. Use instead of <see cref="Address"/>.
    /// </summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>
    /// The deadline given to calls that set none themselves and inherit none from the gRPC call
    /// they are made in. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included, when the service answers UNAVAILABLE.</summary>
    public int MaxAttempts { get; set; } = 4;
}
