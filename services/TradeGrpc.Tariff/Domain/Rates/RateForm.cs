namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>The shape of a duty rate.</summary>
public enum RateForm
{
    /// <summary>No duty; the rate has no parts.</summary>
    Free,

    /// <summary>Only percents of the value of the article.</summary>
    AdValorem,

    /// <summary>Only amounts per unit of quantity.</summary>
    Specific,

    /// <summary>Any other combination, including percents of something other than the article's value.</summary>
    Compound,
}
