using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

public sealed class RateParserBasisTests
{
    [Theory]
    [InlineData("3.7 cents/kg on drained weight", "drained weight")]
    [InlineData("0.01 cents/kg of total sugars", "total sugars")]
    [InlineData("17.8 cents/kg on molybdenum content", "molybdenum content")]
    [InlineData("5 cents/kg on contents and container", "contents and container")]
    [InlineData("0.8 cents/kg on entire contents of container", "entire contents of container")]
    public void Parse_CentsPerKgOnABasis_IsSpecificWithTheBasis(string text, string basis)
    {
        var rate = Parsed(text);

        Assert.Equal(RateForm.Specific, rate.Form);
        Assert.Equal(basis, Assert.IsType<SpecificPart>(Assert.Single(rate.Parts)).Basis);
    }

    [Fact]
    public void Parse_TotalSugarsPlusPercent_IsCompound()
    {
        var rate = Parsed("11.3 cents/kg of total sugars + 1.7%");

        Assert.Equal(RateForm.Compound, rate.Form);
        Assert.Equal([new SpecificPart(0.113m, "KG", "total sugars"), new AdValoremPart(1.7m)], rate.Parts);
    }

    [Fact]
    public void Parse_MolybdenumContentPlusPercent_GivesBothParts()
    {
        Assert.Equal(
            [new SpecificPart(0.128m, "KG", "molybdenum content"), new AdValoremPart(1.8m)],
            Parsed("12.8 cents/kg on molybdenum content + 1.8%").Parts);
    }

    [Fact]
    public void Parse_CopperContentPlusLeadContent_GivesTwoSpecificParts()
    {
        var rate = Parsed("0.7 cents/kg on copper content + 0.7 cents/kg on lead content");

        Assert.Equal(RateForm.Specific, rate.Form);
        Assert.Equal([new SpecificPart(0.007m, "KG", "copper content"), new SpecificPart(0.007m, "KG", "lead content")], rate.Parts);
    }

    [Fact]
    public void Parse_LiterPlusProofLiterOnAlcohol_GivesTwoSpecificParts()
    {
        Assert.Equal(
            [new SpecificPart(0.031m, "L"), new SpecificPart(0.221m, "PFL", "ethyl alcohol content")],
            Parsed("3.1 cents/liter + 22.1 cents/pf. liter on ethyl alcohol content").Parts);
    }

    [Fact]
    public void Parse_WatchRate_GivesEachPartOnItsBasis()
    {
        var rate = Parsed("51 cents each + 6.25% on the case + 5.3% on the strap, band or bracelet + 5.3% on the battery");

        Assert.Equal(RateForm.Compound, rate.Form);
        Assert.Equal(
            [
                new SpecificPart(0.51m, "NO"),
                new AdValoremPart(6.25m, "the case"),
                new AdValoremPart(5.3m, "the strap, band or bracelet"),
                new AdValoremPart(5.3m, "the battery"),
            ],
            rate.Parts);
    }

    [Fact]
    public void Parse_MovementAndCaseWithoutBlankBeforePlus_GivesBothBases()
    {
        Assert.Equal(
            [new AdValoremPart(3.9m, "the movement and case"), new AdValoremPart(5.3m, "the battery")],
            Parsed("3.9% on the movement and case+ 5.3% on the battery").Parts);
    }

    [Fact]
    public void Parse_CentsPerJewel_IsPerJewel()
    {
        Assert.Equal(
            [new SpecificPart(0.15m, "NO"), new AdValoremPart(2.3m), new SpecificPart(0.008m, "NO", "jewel")],
            Parsed("15 cents each + 2.3% + 0.8 cents/jewel").Parts);
    }

    [Fact]
    public void Parse_CentsPerJewelOverSeven_KeepsTheThreshold()
    {
        Assert.Equal(
            [new SpecificPart(0.43m, "NO"), new SpecificPart(0.028m, "NO", "jewel over 7"), new AdValoremPart(3.7m, "the case")],
            Parsed("43 cents each + 2.8 cents/jewel over 7 + 3.7% on the case").Parts);
    }

    [Fact]
    public void Parse_CentsPerThousandPins_IsPerThousandOfPins()
    {
        Assert.Equal(
            [new SpecificPart(0.1m, "THS", "pins"), new AdValoremPart(3.5m)],
            Parsed("10 cents/1,000 pins + 3.5%").Parts);
    }

    [Theory]
    [InlineData("1.5 percent of the fair retail value", "1.5", "fair retail value")]
    [InlineData("2.5% on the value of the lead content", "2.5", "the value of the lead content")]
    [InlineData("6.5% on the entire set", "6.5", "the entire set")]
    public void Parse_PercentOfSomethingElse_IsCompoundWithTheBasis(string text, string percent, string basis)
    {
        var rate = Parsed(text);

        Assert.Equal(RateForm.Compound, rate.Form);
        var part = Assert.IsType<AdValoremPart>(Assert.Single(rate.Parts));
        Assert.Equal(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), part.Percent);
        Assert.Equal(basis, part.Basis);
    }

    private static Rate Parsed(string text) => Assert.IsType<Rate>(RateParser.Parse(text).Rate);
}
