namespace TradeGrpc.Tariff.Domain.Quotes;

/// <summary>
/// The US de minimis rule (19 U.S.C. 1321): a shipment whose total value is at or under the
/// threshold in force on the entry date enters free of any duty.
/// </summary>
public static class DeMinimis
{
    private static readonly DateOnly RaisedTo800 = new(2016, 3, 10);

    /// <summary>The threshold in USD for imports into <paramref name="importingCountry"/>; null where the service applies none.</summary>
    public static decimal? ThresholdUsd(string importingCountry, DateOnly entryDate) =>
        importingCountry == "US" ? (entryDate >= RaisedTo800 ? 800m : 200m) : null;
}
