namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>What reading a rate text gave: either a <see cref="Rate"/> or the reason the text is not one.</summary>
public sealed record RateParse(Rate? Rate, string? Reason)
{
    /// <summary>The rate, when the text is one.</summary>
    public Rate? Rate { get; } = (Rate is null) == (Reason is null)
        ? throw new ArgumentException("Exactly one of the rate and the reason is set.", nameof(Rate))
        : Rate;

    public static RateParse Parsed(Rate rate) => new(rate, null);

    public static RateParse NotARate(string reason) => new(null, reason);
}
