using System.Globalization;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>Conversions for google.type.Money and google.type.Decimal.</summary>
public static class ProtoValues
{
    public static decimal ToDecimal(this Google.Type.Money money) => money.Units + (money.Nanos / 1_000_000_000m);

    public static Google.Type.Money ToUsd(this decimal amount)
    {
        var units = decimal.Truncate(amount);
        return new Google.Type.Money
        {
            CurrencyCode = "USD",
            Units = (long)units,
            Nanos = (int)((amount - units) * 1_000_000_000m),
        };
    }

    /// <summary>The value of a google.type.Decimal; INVALID_ARGUMENT naming <paramref name="field"/> when it is no plain decimal number.</summary>
    public static decimal ToDecimal(this Google.Type.Decimal value, string field) => value.TryDecimal() ?? throw NotADecimal(value, field);

    /// <summary>The value of a google.type.Decimal, null when it is no plain decimal number (a caller that names the field only then).</summary>
    public static decimal? TryDecimal(this Google.Type.Decimal value) =>
        decimal.TryParse(value.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var result) ? result : null;

    /// <summary>INVALID_ARGUMENT naming <paramref name="field"/>, which holds <paramref name="value"/>, no plain decimal number.</summary>
    public static InvalidRequestException NotADecimal(Google.Type.Decimal value, string field) =>
        new("INVALID_DECIMAL", new RequestFieldError(field, $"'{value.Value}' is not a decimal number such as 7.5"));

    public static Google.Type.Decimal ToProtoDecimal(this decimal value) =>
        new() { Value = value.ToString(CultureInfo.InvariantCulture) };
}
