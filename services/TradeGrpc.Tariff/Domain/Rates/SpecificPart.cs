namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>An amount in US dollars per unit of quantity.</summary>
/// <param name="DollarsPerUnit">Dollars per unit: 0.019 for "1.9 cents/kg".</param>
/// <param name="Unit">The USITC quantity code the amount is charged per (see <see cref="RateUnits"/>).</param>
/// <param name="Basis">
/// What the quantity is measured on, or null for the goods themselves: "drained weight", "total sugars",
/// "molybdenum content", "jewel", "pins", ...
/// </param>
public sealed record SpecificPart(decimal DollarsPerUnit, string Unit, string? Basis = null) : RatePart;
