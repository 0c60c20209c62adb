namespace TradeGrpc.Tariff.Domain;

/// <summary>One row of the schedule: an 8-digit subheading over one validity window.</summary>
public sealed record TariffLineRecord(
    string Hts8,
    string Description,
    string MfnRateText,
    string Column2RateText,
    string Quantity1Unit,
    string Quantity2Unit,
    DateOnly ValidFrom,
    DateOnly ValidTo)
{
    /// <summary>The special rates of column 1 and the programs granting them, as printed; empty when none.</summary>
    public string SpecialRateText { get; init; } = "";
}
