using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

public sealed class RateParserReasonTests
{
    [Theory]
    [InlineData("", RateReasons.NoRatePrinted)]
    [InlineData("   ", RateReasons.NoRatePrinted)]
    [InlineData("The rate applicable to the natural juice in heading 2009", RateReasons.RefersToAnotherProvision)]
    [InlineData("The rate of duty applicable to that article in the set subject to the highest rate of duty", RateReasons.RefersToAnotherProvision)]
    [InlineData("The duty rate provided in such subheading minus 0.5%", RateReasons.RefersToAnotherProvision)]
    [InlineData("A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)", RateReasons.RefersToAnotherProvision)]
    [InlineData("See additional U.S. note 3", RateReasons.RefersToUsNote)]
    [InlineData("The quantity specified in such notice", RateReasons.QuotaQuantity)]
    [InlineData("1.4606 cents/kg less 0.020668 cents/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854 cents/kg", RateReasons.DependsOnSugarDegree)]
    [InlineData("4.3% + 1.7 cents/jewel + 0.2 cents for each other piece or part, but if consisting in part of a plate or a set of plates the total duty shall not exceed the duty for the complete movement", RateReasons.CappedByAnotherProvision)]
    [InlineData("0.022", RateReasons.NumberWithoutUnit)]
    public void Parse_TextThatNamesNoComputableRate_GivesTheReason(string text, string reason)
    {
        var parse = RateParser.Parse(text);

        Assert.Null(parse.Rate);
        Assert.Equal(reason, parse.Reason);
    }

    [Theory]
    [InlineData("16% or 5 cents/kg")]
    [InlineData("16 cents each + ")]
    [InlineData("+ 5%")]
    [InlineData("5 cents/furlong")]
    [InlineData("5 cents/kg on")]
    [InlineData("cents/kg")]
    [InlineData("16%%")]
    [InlineData("1,5%")]
    [InlineData("5%, minimum 3 cents/kg")]
    [InlineData("Free 5%")]
    [InlineData("Freedom")]
    [InlineData("2.8 cents/jewel over 7 on the case")]
    [InlineData("５%")]
    public void Parse_TextNotWhollyARate_IsNotARateRatherThanAPartialOne(string text)
    {
        var parse = RateParser.Parse(text);

        Assert.Null(parse.Rate);
        Assert.Equal(RateReasons.Unrecognized, parse.Reason);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RateParser.Parse(null!));
    }

    [Fact]
    public void RateParse_BothOrNeitherSet_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RateParse(null, null));
        Assert.Throws<ArgumentException>(() => new RateParse(Rate.Free("Free"), "no rate printed"));
    }
}
