namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>Why a rate text names no rate that can be computed from the text alone.</summary>
public static class RateReasons
{
    public const string NoRatePrinted = "no rate printed";
    public const string RefersToAnotherProvision = "refers to the rate of another provision";
    public const string RefersToUsNote = "refers to an additional U.S. note";
    public const string QuotaQuantity = "states a quota quantity, not a rate";
    public const string DependsOnSugarDegree = "depends on sugar degree";
    public const string CappedByAnotherProvision = "capped by the duty on another article";
    public const string NumberWithoutUnit = "a number without a percent sign or unit";
    public const string Unrecognized = "not a rate form the parser knows";
}
