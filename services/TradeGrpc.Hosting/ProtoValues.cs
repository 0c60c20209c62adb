using System.Globalization;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>Conversions for google.type.Money and google.type.Decimal.</summary>
public static class ProtoValues
{
    public static decimal ToDecimal(this Google.Type.Money money) => money.Units + (money.Nanos / 1_000_000_000m);

    public static Google.Type.Money ToUsd(this decimal amount)
    {
        var (units, nanos) = amount.ToUsdParts();
        return new Google.Type.Money { CurrencyCode = "USD", Units = units, Nanos = nanos };
    }

    /// <summary>
    /// The units and nanos of <see cref="ToUsd"/>'s Money (the fraction past nanos dropped, toward zero), for a writer that puts
    /// them on the wire without the message. Throws OverflowException past the range of a long, as a decimal's conversion does.
    /// </summary>
    public static (long Units, int Nanos) ToUsdParts(this decimal amount)
    {
        // Nearly every amount is a sum of cents: read the units and nanos off the decimal's integer and scale (a few integer
        // operations, where the decimal arithmetic below took about 28 ns, and a quote writes some forty amounts).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(amount, bits);
        var scale = amount.Scale;
        if (bits[2] == 0 && scale <= 9)
        {
            var integer = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
            var units = integer / PowersOfTen[scale];
            if (units <= long.MaxValue)
            {
                var nanos = (int)((integer - (units * PowersOfTen[scale])) * PowersOfTen[9 - scale]);
                return bits[3] < 0 ? (-(long)units, -nanos) : ((long)units, nanos);
            }
        }

        var whole = decimal.Truncate(amount);
        return ((long)whole, (int)((amount - whole) * 1_000_000_000m));
    }

    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

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
