using TradeGrpc.Hosting;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Amounts in US dollars as google.type.Money: units, and nanos of the same sign, the fraction past nanos dropped toward zero.
/// <see cref="ProtoValues.ToUsdParts"/> reads them off the decimal's integer and scale where it can, and must agree with the Money
/// <see cref="ProtoValues.ToUsd"/> makes.
/// </summary>
public sealed class ProtoValuesTests
{
    public static TheoryData<decimal, long, int> Amounts() => new()
    {
        { 0m, 0, 0 },
        { 1391m, 1391, 0 },
        { 12.34m, 12, 340_000_000 },
        { 12.30m, 12, 300_000_000 },
        { 0.07m, 0, 70_000_000 },
        { -5.25m, -5, -250_000_000 },
        { -0.000000001m, 0, -1 },
        { 0.0000000019m, 0, 1 },
        { 1.123456789123m, 1, 123_456_789 },
        { -1.9999999999m, -1, -999_999_999 },
        { 18_446_744_073.709551615m, 18_446_744_073, 709_551_615 },
        { 9_223_372_036_854_775_807.999999999m, long.MaxValue, 999_999_999 },
        { -9_223_372_036_854_775_808.5m, long.MinValue, -500_000_000 },
        { 123_456_789_012_345_678m, 123_456_789_012_345_678, 0 },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void ToUsdParts_Amount_UnitsAndNanosWorkedByHand(decimal amount, long units, int nanos)
    {
        Assert.Equal((units, nanos), amount.ToUsdParts());

        var money = amount.ToUsd();
        Assert.Equal(("USD", units, nanos), (money.CurrencyCode, money.Units, money.Nanos));
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("79228162514264337593543950335")]
    public void ToUsdParts_BeyondALong_Overflows(string amount) =>
        Assert.Throws<OverflowException>(() => decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture).ToUsdParts());

    [Fact]
    public void ToUsdParts_RandomAmounts_AgreeWithDecimalArithmetic()
    {
        var random = new Random(20181001);
        for (var i = 0; i < 100_000; i++)
        {
            var scale = (byte)random.Next(0, 13);
            var amount = new decimal(random.Next(), random.Next(), random.Next(0, 2) == 0 ? 0 : random.Next(0, 3), random.Next(0, 2) == 0, scale);
            var whole = decimal.Truncate(amount);
            if (whole is > long.MaxValue or < long.MinValue)
            {
                continue;
            }

            Assert.Equal(((long)whole, (int)((amount - whole) * 1_000_000_000m)), amount.ToUsdParts());
        }
    }
}
