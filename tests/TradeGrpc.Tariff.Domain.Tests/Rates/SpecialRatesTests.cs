using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

public sealed class SpecialRatesTests
{
    [Fact]
    public void Parse_FreeAndAKoreanRate_GivesEachRateItsPrograms()
    {
        // 7606.12.60, aluminum plates, as the 2017 file prints its special rates.
        var rates = SpecialRates.Parse("Free (A,AU,BH,CA,CL,CO,D,E,IL,JO,MA,MX,OM,P,PA,PE,SG) 2.6% (KR)");

        Assert.Equal(2, rates.Count);
        Assert.Equal("Free", rates[0].RateText);
        Assert.Equal(["A", "AU", "BH", "CA", "CL", "CO", "D", "E", "IL", "JO", "MA", "MX", "OM", "P", "PA", "PE", "SG"], rates[0].Programs);
        Assert.Equal("2.6%", rates[1].RateText);
        Assert.Equal(["KR"], rates[1].Programs);
    }

    [Theory]
    [InlineData("Free(A,AU,BH,CA,CL,CO,D,E,IL,JO,KR,MA,MX,OM,P,PA,PE,SG")] // 0101.21.00's kind: no closing parenthesis
    [InlineData("Free (A,AU,BH, CA,CL,CO,D,E,IL,JO,KR,MA,MX, OM,P,PA,PE,SG))")] // blanks and a doubled parenthesis
    [InlineData("Free (A,AU,BH,CA,CL,CO,D,E,IL,JO,KR,MA,MX.OM,P,PA,PE,SG)")] // 0303.92.00: a full stop for a comma
    [InlineData("Free(A,AU,BH,CA,CL,CO,D,E IL,JO,KR,MA,MX,,OM,P,PA,PE,SG)")] // 4011.90.20: a blank, and an empty code
    public void Parse_UntidyPrintings_ReadAsTheProgramsMeant(string text)
    {
        var rate = Assert.Single(SpecialRates.Parse(text));

        Assert.Equal("Free", rate.RateText);
        Assert.Equal(["A", "AU", "BH", "CA", "CL", "CO", "D", "E", "IL", "JO", "KR", "MA", "MX", "OM", "P", "PA", "PE", "SG"], rate.Programs);
    }

    [Fact]
    public void Parse_NoteInParentheses_StaysInTheRateItIsPrintedIn()
    {
        // 1701.14.20 (raw cane sugar): Australia's rate carries a note of its own in parentheses.
        var rates = SpecialRates.Parse("Free (A*,BH,CA,CL,CO,D,E*,IL,JO,MA,MX,OM,P,PA,PE,SG) 0.3¢/kg less 0.005¢/kg for each degree under 100 degrees " +
            "(and fractions of a degree in proportion) but not less than 0.2¢/kg (AU) 0.5¢/kg (KR)");

        Assert.Equal(3, rates.Count);
        Assert.Equal("0.3¢/kg less 0.005¢/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.2¢/kg", rates[1].RateText);
        Assert.Equal(["AU"], rates[1].Programs);
        Assert.Equal(("0.5¢/kg", "KR"), (rates[2].RateText, Assert.Single(rates[2].Programs)));
    }

    [Fact]
    public void Parse_TrailingFootnoteMark_IsNoRate()
    {
        // 6401.10.00 ends with the footnote mark "(s)".
        var rates = SpecialRates.Parse("Free (AU,BH,CA,CL,D,IL,JO,MA,MX,P,R,SG) 1.8% (PA) 3.7% (OM,PE) 15% (CO) 37.5% (KR)(s)");

        Assert.Equal([("Free", 12), ("1.8%", 1), ("3.7%", 2), ("15%", 1), ("37.5%", 1)], rates.Select(r => (r.RateText, r.Programs.Count)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingPrinted_IsNoRates(string text) => Assert.Empty(SpecialRates.Parse(text));

    [Fact]
    public void Parse_BundledFile_PrintsOnlyTheScheduleProgramsAndKoreaOnTheLinesCounted()
    {
        var lines = BundledSchedule.Lines;

        var programs = lines.SelectMany(line => SpecialRates.Parse(line.SpecialRateText)).SelectMany(rate => rate.Programs).ToHashSet();
        var korean = lines.Count(line => SpecialRates.Parse(line.SpecialRateText).Any(rate => rate.Programs.Contains("KR")));

        // HTS General Note 3's programs as the file prints them (A*, A+, E*, J*, P+ and NP included).
        Assert.Equal(
            ["A", "A*", "A+", "AU", "B", "BH", "C", "CA", "CL", "CO", "D", "E", "E*", "IL", "J", "J*", "JO", "K", "KR", "L", "MA", "MX", "NP", "OM", "P", "P+", "PA", "PE", "R", "SG"],
            programs.Order(StringComparer.Ordinal));
        // Counted over the file's col1_special_text column with a separate script: 7,171 rows name KR.
        Assert.Equal(7_171, korean);
        Assert.Equal(8_040, lines.Count(line => line.SpecialRateText.Length > 0));
    }
}
