namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>
/// A percent of a value. <paramref name="Basis"/> is null when the percent is of the customs value of
/// the article; otherwise it names what the percent is of, as printed ("the case", "the battery",
/// "the value of the lead content", "fair retail value").
/// </summary>
/// <param name="Percent">The percent as printed: 2.5 for "2.5%".</param>
/// <param name="Basis">What the percent is of, or null for the value of the article.</param>
public sealed record AdValoremPart(decimal Percent, string? Basis = null) : RatePart;
