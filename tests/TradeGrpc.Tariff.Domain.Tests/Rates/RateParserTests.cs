using System.Globalization;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

public sealed class RateParserTests
{
    [Theory]
    [InlineData("Free")]
    [InlineData("No additional duty")]
    [InlineData("Free, under bond, as prescribed in U.S. note 1 to this subchapter")]
    [InlineData("Free, for such temporary periods as the Secretary of the Treasury by regulation may prescribe")]
    [InlineData("Free (see U.S. note 4 of this subchapter)")]
    public void Parse_FreeForms_AreFreeWithoutParts(string text)
    {
        var rate = Parsed(text);

        Assert.Equal(RateForm.Free, rate.Form);
        Assert.Empty(rate.Parts);
        Assert.Equal(text, rate.Text);
    }

    [Fact]
    public void Parse_Percent_IsAdValoremOfTheArticle()
    {
        var rate = Parsed("16%");

        Assert.Equal(RateForm.AdValorem, rate.Form);
        Assert.Equal([new AdValoremPart(16m)], rate.Parts);
    }

    [Fact]
    public void Parse_FractionalPercent_KeepsTheExactPercent()
    {
        Assert.Equal([new AdValoremPart(2.45m)], Parsed("2.45%").Parts);
    }

    [Fact]
    public void Parse_CentsPerKg_GivesExactDollarsPerKilogram()
    {
        var rate = Parsed("1.9 cents/kg");

        Assert.Equal(RateForm.Specific, rate.Form);
        var part = Assert.IsType<SpecificPart>(Assert.Single(rate.Parts));
        Assert.Equal(0.019m, part.DollarsPerUnit);
        Assert.Equal(RateUnits.Kilogram, part.Unit);
        Assert.Null(part.Basis);
    }

    [Fact]
    public void Parse_DollarsPerKg_GivesDollarsAsPrinted()
    {
        Assert.Equal([new SpecificPart(1.05m, "KG")], Parsed("$1.05/kg").Parts);
    }

    [Fact]
    public void Parse_CentSign_ReadsAsCents()
    {
        Assert.Equal([new SpecificPart(0.044m, "L")], Parsed("4.4¢/liter").Parts);
    }

    [Fact]
    public void Parse_CompoundEachPlusPercent_GivesBothParts()
    {
        var rate = Parsed("16 cents each + 2.5%");

        Assert.Equal(RateForm.Compound, rate.Form);
        Assert.Equal([new SpecificPart(0.16m, "NO"), new AdValoremPart(2.5m)], rate.Parts);
    }

    [Fact]
    public void Parse_CompoundPerKgPlusPercent_GivesBothParts()
    {
        Assert.Equal([new SpecificPart(0.548m, "KG"), new AdValoremPart(16m)], Parsed("54.8 cents/kg + 16%").Parts);
    }

    [Theory]
    [InlineData("0.2 cents/liter", "0.002", "L")]
    [InlineData("4.5 cents/ liter", "0.045", "L")]
    [InlineData("2.8 cents/doz.", "0.028", "DOZ")]
    [InlineData("10.5 cents/bbl", "0.105", "BBL")]
    [InlineData("$1.24/t", "1.24", "T")]
    [InlineData("39.7 cents/t", "0.397", "T")]
    [InlineData("14.5 cents/m2", "0.145", "M2")]
    [InlineData("$1.13/m3", "1.13", "M3")]
    [InlineData("0.5 cents/pf.liter", "0.005", "PFL")]
    [InlineData("18.7 cents/clean kg", "0.187", "CYK")]
    [InlineData("6.5¢/gross", "0.065", "GRS")]
    [InlineData("$1.34/1000", "1.34", "THS")]
    [InlineData("19.2 cents/1000", "0.192", "THS")]
    [InlineData("68 cents/head", "0.68", "NO")]
    [InlineData("$1.44 each", "1.44", "NO")]
    public void Parse_SpecificPerUnit_GivesTheUsitcQuantityCode(string text, string dollars, string unit)
    {
        var rate = Parsed(text);

        Assert.Equal(RateForm.Specific, rate.Form);
        Assert.Equal([new SpecificPart(decimal.Parse(dollars, CultureInfo.InvariantCulture), unit)], rate.Parts);
    }

    [Theory]
    [InlineData("62 cents/pr. + 13.7%", "0.62", "PRS", "13.7")]
    [InlineData("12 cents/doz. + 5.5%", "0.12", "DOZ", "5.5")]
    [InlineData("14 cents/gross + 4.3%", "0.14", "GRS", "4.3")]
    [InlineData("20 cents/thousand + 3.5%", "0.2", "THS", "3.5")]
    [InlineData("0.18 cents/line/ gross + 2.5%", "0.0018", "GRL", "2.5")]
    [InlineData("14.5 cents/m2 + 0.4%", "0.145", "M2", "0.4")]
    [InlineData("23.5¢/liter + 14.9%", "0.235", "L", "14.9")]
    public void Parse_CompoundPerUnitPlusPercent_GivesBothParts(string text, string dollars, string unit, string percent)
    {
        Assert.Equal(
            [new SpecificPart(Exact(dollars), unit), new AdValoremPart(Exact(percent))],
            Parsed(text).Parts);
    }

    [Theory]
    [InlineData("$1.035/kg +13.6%")]
    [InlineData("16.7 cents/kg+ 5.7%")]
    [InlineData("16.7 cents/ liter + 5.7%")]
    public void Parse_OddSpacingAroundPlusAndSlash_ReadsTheSameParts(string text)
    {
        var parts = Parsed(text).Parts;

        Assert.Equal(2, parts.Count);
        Assert.IsType<SpecificPart>(parts[0]);
        Assert.Null(Assert.IsType<AdValoremPart>(parts[1]).Basis);
    }

    [Fact]
    public void Parse_ThreeParts_KeepsThePrintedOrder()
    {
        Assert.Equal(
            [new SpecificPart(0.135m, "KG"), new AdValoremPart(6.3m), new SpecificPart(0.019m, "NO")],
            Parsed("13.5 cents/kg + 6.3% + 1.9 cents/article").Parts);
    }

    private static decimal Exact(string number) => decimal.Parse(number, CultureInfo.InvariantCulture);

    private static Rate Parsed(string text)
    {
        var parse = RateParser.Parse(text);
        Assert.Null(parse.Reason);
        return Assert.IsType<Rate>(parse.Rate);
    }
}
