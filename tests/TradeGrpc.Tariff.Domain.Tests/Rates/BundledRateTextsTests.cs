using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

/// <summary>Every distinct general (MFN) rate text of the bundled 2017 file either parses or is an expected non-rate.</summary>
public sealed class BundledRateTextsTests
{
    /// <summary>The texts of the bundled file that are not rates, each with the reason the parser gives.</summary>
    private static readonly Dictionary<string, string> ExpectedUnparsed = new(StringComparer.Ordinal)
    {
        [""] = RateReasons.NoRatePrinted,
        ["A duty (in lieu of any other duty or tax) equal to the sum of any duty and internal- revenue tax imposed upon the importation of like articles not previously exported, but in no case in excess of the sum of (a) any customs drawback proved to have been all"] = RateReasons.RefersToAnotherProvision,
        ["A duty equal to the duty upon the importation of like articles not previously exported, but in no case in excess of the sum of (a) any customs drawback proved to have been allowed upon such exportation, and (b) the duty which would have been payable on an"] = RateReasons.RefersToAnotherProvision,
        ["A duty upon the full value of the imported article less the value of fabrics, components or materials of the United States (see U.S. note 22 of this subchapter)"] = RateReasons.RefersToAnotherProvision,
        ["A duty upon the full value of the imported article, less the cost or value of such products of the United States (see U.S. note 4 of this subchapter)"] = RateReasons.RefersToAnotherProvision,
        ["A duty upon the value of such processing outside the United States (see U.S. note 3 of this subchapter)"] = RateReasons.RefersToAnotherProvision,
        ["A duty upon the value of the repairs or alterations (see U.S. note 3 of this subchapter)"] = RateReasons.RefersToAnotherProvision,
        ["The duty rate provided in such subheading minus 0.5%"] = RateReasons.RefersToAnotherProvision,
        ["The duty rate provided in such subheading minus 2.0%"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable in the absence of this subheading on the cost of such parts"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to each article in the absence of this subheading"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to each garment in the ensemble if separately entered"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to each garment in the in the ensemble if separately entered"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to the article of which it is a part or accessory"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to the article of which it is an accessory"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to the complete, assembled movement"] = RateReasons.RefersToAnotherProvision,
        ["The rate applicable to the natural juice in heading 2009"] = RateReasons.RefersToAnotherProvision,
        ["The rate of duty applicable to that article in the set subject to the highest rate of duty"] = RateReasons.RefersToAnotherProvision,
        ["See additional U.S. note 1"] = RateReasons.RefersToUsNote,
        ["See additional U.S. note 2"] = RateReasons.RefersToUsNote,
        ["See additional U.S. note 3"] = RateReasons.RefersToUsNote,
        ["See additional U.S. note 4"] = RateReasons.RefersToUsNote,
        ["See additional U.S. note 5"] = RateReasons.RefersToUsNote,
        ["The quantity specified in such announcement"] = RateReasons.QuotaQuantity,
        ["The quantity specified in such notice"] = RateReasons.QuotaQuantity,
        ["1.4606 cents/kg less 0.020668 cents/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 0.943854 cents/kg"] = RateReasons.DependsOnSugarDegree,
        ["3.6606 cents/kg less 0.020668 cents/kg for each degree under 100 degrees (and fractions of a degree in proportion) but not less than 3.143854 cents/kg"] = RateReasons.DependsOnSugarDegree,
        ["4.3% + 1.7 cents/jewel + 0.2 cents for each other piece or part, but if consisting in part of a plate or a set of plates the total duty shall not exceed the duty for the complete movement"] = RateReasons.CappedByAnotherProvision,
        ["6% + 2.3 cents/jewel + 0.2 cents for each other piece or part, but if consisting in part of a plate or a set of plates the total duty shall not exceed the duty for the complete movement"] = RateReasons.CappedByAnotherProvision,
        ["0.022"] = RateReasons.NumberWithoutUnit,
    };

    [Fact]
    public void Parse_EveryDistinctBundledText_ParsesOrIsAnExpectedNonRate()
    {
        var texts = BundledSchedule.Lines.Select(l => l.MfnRateText).Distinct(StringComparer.Ordinal).ToList();

        var unparsed = texts.Select(text => (text, parse: RateParser.Parse(text)))
            .Where(t => t.parse.Rate is null)
            .ToDictionary(t => t.text, t => t.parse.Reason!, StringComparer.Ordinal);

        Assert.Equal(1_045, texts.Count);
        Assert.Equal(ExpectedUnparsed.OrderBy(e => e.Key, StringComparer.Ordinal), unparsed.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_EveryDistinctBundledText_IsEitherARateOfItsTextOrAReason()
    {
        foreach (var text in BundledSchedule.Lines.Select(l => l.MfnRateText).Distinct(StringComparer.Ordinal))
        {
            var parse = RateParser.Parse(text);

            Assert.True((parse.Rate is null) != (parse.Reason is null), text);
            if (parse.Rate is { } rate)
            {
                Assert.Equal(text, rate.Text);
                Assert.Equal(Rate.FormOf(rate.Parts), rate.Form);
                Assert.Equal(rate.Form == RateForm.Free, rate.Parts.Count == 0);
            }
        }
    }

    [Fact]
    public void Parse_BundledRows_UnparsedRowsByReason()
    {
        var lines = BundledSchedule.Lines;

        var byReason = lines.Select(l => RateParser.Parse(l.MfnRateText).Reason)
            .OfType<string>()
            .GroupBy(reason => reason)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(
            new Dictionary<string, int>
            {
                [RateReasons.NoRatePrinted] = 917,
                [RateReasons.QuotaQuantity] = 60,
                [RateReasons.RefersToAnotherProvision] = 57,
                [RateReasons.DependsOnSugarDegree] = 12,
                [RateReasons.RefersToUsNote] = 5,
                [RateReasons.CappedByAnotherProvision] = 2,
                [RateReasons.NumberWithoutUnit] = 1,
            },
            byReason);
        Assert.Equal(1_054, byReason.Values.Sum());
        Assert.Equal(12_861, lines.Count);
    }
}
