using System.Globalization;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Builds QuoteDuty requests the way a caller writes them.</summary>
internal static class QuoteRequests
{
    public static Google.Type.Money Usd(long units, int nanos = 0) => new() { CurrencyCode = "USD", Units = units, Nanos = nanos };

    public static QuoteLine Line(string htsCode, string origin, long usd, params (string Unit, decimal Value)[] quantities) => new()
    {
        HtsCode = htsCode,
        OriginCountry = origin,
        CustomsValue = Usd(usd),
        Quantities = { quantities.Select(q => new Quantity { Unit = q.Unit, Value = new Google.Type.Decimal { Value = q.Value.ToString(CultureInfo.InvariantCulture) } }) },
    };

    public static QuoteDutyRequest Entry(string importingCountry, Google.Type.Date entryDate, params QuoteLine[] lines) => new()
    {
        ImportingCountry = importingCountry,
        EntryDate = entryDate,
        Lines = { lines },
    };

    public static decimal Dollars(this Google.Type.Money money) => money.Units + (money.Nanos / 1_000_000_000m);
}
