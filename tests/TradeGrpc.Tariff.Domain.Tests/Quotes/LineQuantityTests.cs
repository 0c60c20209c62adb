using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Domain.Tests.Quotes;

/// <summary>The quantity a quote line gives in the unit a rate, an allowance or a quota counts in.</summary>
public sealed class LineQuantityTests
{
    private static QuoteLineInput Line(params LineQuantity[] quantities) => new("1201.90", "US", null, 1_000, quantities);

    [Theory]
    [InlineData("T", "KG", 2.5, 2_500)]
    [InlineData("KG", "T", 60_000, 60)]
    [InlineData("kg", "t", 1_500, 1.5)]
    public void AmountIn_MassStatedInTheOtherOfKilogramsAndTonnes_IsConverted(string stated, string asked, double value, double expected)
    {
        Assert.Equal((decimal)expected, Line(new LineQuantity(stated, (decimal)value)).AmountIn(asked));
    }

    [Fact]
    public void AmountIn_BothStated_TakesTheOneInTheUnitAsked()
    {
        // A declared net weight in tonnes beside a gross one in kilograms: what the line states in the unit wins.
        Assert.Equal(59m, Line(new LineQuantity("KG", 60_000), new LineQuantity("T", 59)).AmountIn("T"));
    }

    [Theory]
    [InlineData("NO", "T")]
    [InlineData("L", "KG")]
    public void AmountIn_NoQuantityThatGivesTheUnit_IsNull(string stated, string asked)
    {
        Assert.Null(Line(new LineQuantity(stated, 100)).AmountIn(asked));
    }
}
