using System.Globalization;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Quotes;
using static TradeGrpc.Tariff.Domain.Tests.Actors;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.Quotes;

/// <summary>Duty quotes on <see cref="SmallBook"/>, with each figure worked out from the rates and dates the book holds.</summary>
public sealed class DutyCalculatorTests
{
    private static readonly LineQuantity HundredMeters = new("NO", 100);

    private static QuoteLineInput Line(string htsCode, string origin, decimal usd, params LineQuantity[] quantities) =>
        new(htsCode, origin, null, usd, quantities);

    private static EntryDuty Quote(string entryDate, params QuoteLineInput[] lines) =>
        SmallBook.Calculator().Quote(new EntryInput("US", Day(entryDate), lines, []));

    private static (string Heading, string RateText, decimal Amount)[] Parts(LineDuty line) =>
        [.. line.Parts.Select(p => (p.Heading, p.RateText, p.Amount))];

    [Fact]
    public void Quote_GasMetersOfChinaAfterListTwo_StacksTheCompoundBaseRateAndSection301()
    {
        // 100 meters at 16 cents = $16, 2.5% of $5,000 = $125; list 2 adds 25% of $5,000 = $1,250.
        var quote = Quote("2018-09-01", Line("9028.10.00", "CN", 5000, HundredMeters));

        var line = Assert.Single(quote.Lines);
        Assert.Equal([("", "16 cents each + 2.5%", 141m), ("9903.88.02", "25%", 1250m)], Parts(line));
        Assert.Equal("measures/us-301-list-2", line.Parts[1].MeasureId);
        Assert.Equal(1391m, line.Duty);
        Assert.Equal(1391m, quote.Total);
        Assert.False(quote.DeMinimis);
    }

    [Theory]
    [InlineData("2018-08-22", 141)]
    [InlineData("2018-08-23", 1391)]
    public void Quote_GasMetersAroundTheStartOfListTwo_OweList2FromItsFirstDay(string entryDate, int total) =>
        Assert.Equal(total, Quote(entryDate, Line("9028.10.00", "CN", 5000, HundredMeters)).Total);

    [Fact]
    public void Quote_GasMetersOfHongKong_OweOnlyTheBaseRate()
    {
        var line = Assert.Single(Quote("2018-09-01", Line("9028.10.00", "HK", 5000, HundredMeters)).Lines);

        Assert.Equal([("", "16 cents each + 2.5%", 141m)], Parts(line));
    }

    [Fact]
    public void Quote_QuantityGivenInLowerCase_IsCountedInTheUnitOfTheRate() =>
        Assert.Equal(1391m, Quote("2018-09-01", Line("9028.10.00", "CN", 5000, new LineQuantity("no", 100))).Total);

    [Theory]
    [InlineData(null)]
    [InlineData("KG")]
    public void Quote_CompoundRateWithoutAQuantityInItsUnit_FailsNamingTheUnit(string? givenUnit)
    {
        LineQuantity[] quantities = givenUnit is null ? [] : [new(givenUnit, 40)];

        var error = Assert.Throws<InvalidInputException>(() => Quote("2018-09-01", Line("9028.10.00", "CN", 5000, quantities)));

        Assert.Equal("QUANTITY_MISSING", error.Reason);
        var field = Assert.Single(error.Fields);
        Assert.Equal("Lines[0].Quantities", field.Field);
        Assert.Equal("the rate '16 cents each + 2.5%' is charged per NO: add a quantity with unit NO", field.Description);
    }

    [Fact]
    public void Quote_BaseDutyOnHalfACent_RoundsTheCentUp()
    {
        // One meter of $801: 16 cents + 2.5% of $801 ($20.025) = $20.185, so $20.19; list 2: 25% of $801 = $200.25.
        var line = Assert.Single(Quote("2018-09-01", Line("9028.10.00", "CN", 801, new LineQuantity("NO", 1))).Lines);

        Assert.Equal([("", "16 cents each + 2.5%", 20.19m), ("9903.88.02", "25%", 200.25m)], Parts(line));
        Assert.Equal(220.44m, line.Duty);
    }

    [Theory]
    [InlineData("2017-06-30", 110)] // 1.1% of $10,000 until the row ends
    [InlineData("2017-07-01", 70)] // 0.7% from the next row
    [InlineData("2018-07-05", 70)] // the day before list 1
    [InlineData("2018-07-06", 2570)] // 0.7% + list 1 at 25%
    public void Quote_SpeedDrivesOfChina_TakeTheBaseRowAndPhaseInForceOnTheEntryDate(string entryDate, int total) =>
        Assert.Equal(total, Quote(entryDate, Line("8504.40.40", "CN", 10_000)).Total);

    [Theory]
    [InlineData("2018-09-23", null, 200, null)] // 2% only: list 3 starts the next day
    [InlineData("2018-09-24", null, 1200, "9903.88.03")] // 2% + 10%
    [InlineData("2019-05-09", "2019-05-01", 1200, "9903.88.03")]
    [InlineData("2019-05-10", "2019-05-10", 2700, "9903.88.03")] // 2% + 25%
    [InlineData("2019-06-14", "2019-05-09", 1200, "9903.88.09")] // exported before the rise, entered before 2019-06-15: still 10%
    [InlineData("2019-06-15", "2019-05-09", 2700, "9903.88.03")] // entered too late for the transit rule
    [InlineData("2019-06-14", null, 2700, "9903.88.03")] // no export date given: the transit rule cannot apply
    public void Quote_ValvesOfChinaUnderListThree_OweThePhaseInForceWithTheTransitRule(string entryDate, string? exportDate, int total, string? heading)
    {
        var line = new QuoteLineInput("8481.80.90", "CN", exportDate is null ? null : Day(exportDate), 10_000, []);

        var quoted = Assert.Single(Quote(entryDate, line).Lines);

        Assert.Equal(total, quoted.Duty);
        Assert.Equal(heading, quoted.Parts.Skip(1).Select(p => p.Heading).SingleOrDefault());
    }

    [Theory]
    [InlineData("2019-09-01", "15%", 150)]
    [InlineData("2020-02-13", "15%", 150)]
    [InlineData("2020-02-14", "7.5%", 75)]
    public void Quote_LithiumBatteriesUnderListFourA_ShowTheRateOfThePhase(string entryDate, string rateText, int section301)
    {
        var line = Assert.Single(Quote(entryDate, Line("8507.60.00", "CN", 1000)).Lines);

        Assert.Equal([("", "3.4%", 34m), ("9903.88.15", rateText, section301)], Parts(line));
    }

    [Fact]
    public void Quote_TenDigitCodeOfListThreeUnderItsOwnHeading_IsReportedUnderThatHeading()
    {
        var line = Assert.Single(Quote("2019-06-20", Line("2931.90.90.10", "CN", 10_000)).Lines);

        Assert.Equal([("", "3.7%", 370m), ("9903.88.04", "25%", 2500m)], Parts(line));
    }

    [Fact]
    public void Quote_EightDigitParentOfTenDigitSplits_OwesOnlyTheBaseRate() =>
        Assert.Equal([("", "3.7%", 370m)], Parts(Assert.Single(Quote("2019-06-20", Line("2931.90.90", "CN", 10_000)).Lines)));

    [Theory]
    [InlineData("2019-12-14")]
    [InlineData("2019-12-15")]
    [InlineData("2020-06-01")]
    public void Quote_ListFourBSuspendedFromItsFirstDay_NeverOwesIt(string entryDate) =>
        Assert.Equal([("", "3.7%", 370m)], Parts(Assert.Single(Quote(entryDate, Line("2931.90.90.51", "CN", 10_000)).Lines)));

    [Theory]
    [InlineData("2019-05-31", 2500)]
    [InlineData("2019-06-01", 0)]
    public void Quote_ListThreeSuspendedFromAGivenDay_OwesItOnlyOnEntriesBefore(string entryDate, int total)
    {
        var measures = SmallBook.Measures.Select(m => m == SmallBook.List3 ? m.Suspend(new DateOnly(2019, 6, 1), SmallBook.Loaded) : m);

        var quote = SmallBook.Calculator(measures).Quote(new EntryInput("US", Day(entryDate), [Line("9403.60.80", "CN", 10_000)], []));

        Assert.Equal(total, quote.Total);
    }

    [Theory]
    [InlineData("JP", "2018-03-22", "Free", 0)]
    [InlineData("JP", "2018-03-23", "Free,25%", 2500)]
    [InlineData("CN", "2019-10-01", "Free,25%", 2500)]
    public void Quote_SteelSectionsOfAnyOrigin_OweSection232FromMarch23(string origin, string entryDate, string rates, int total)
    {
        var line = Assert.Single(Quote(entryDate, Line("7216.10.00", origin, 10_000)).Lines);

        Assert.Equal(rates, string.Join(',', line.Parts.Select(p => p.RateText)));
        Assert.Equal(total, line.Duty);
    }

    [Fact]
    public void Quote_TwoLinesOfOneEntry_TotalTheirDuties()
    {
        // Gas meters $141 + $1,250; speed drives 0.7% of $10,000 = $70 + 25% = $2,500.
        var quote = Quote("2018-09-01", Line("9028.10.00", "CN", 5000, HundredMeters), Line("8504.40.40", "CN", 10_000));

        Assert.Equal([1391m, 2570m], quote.Lines.Select(l => l.Duty));
        Assert.Equal(3961m, quote.Total);
    }

    [Theory]
    [InlineData("2018-07-06", 70, true)] // from the list's first day: the exclusion is retroactive
    [InlineData("2019-12-28", 70, true)] // its last day
    [InlineData("2019-12-29", 2570, false)] // expired
    public void Quote_GrantedExclusion_RemovesTheMeasureDutyWithinItsWindowOnly(string entryDate, int total, bool excluded)
    {
        var calculator = SmallBook.Calculator(exclusions: Granted("8504.40.40"));

        var line = Assert.Single(calculator.Quote(new EntryInput("US", Day(entryDate), [Line("8504.40.40", "CN", 10_000)], [])).Lines);

        Assert.Equal(total, line.Duty);
        Assert.Equal(excluded ? "exclusions/x1" : "", string.Join(',', line.ExclusionsApplied));
    }

    [Fact]
    public void Quote_ExclusionGrantedFromALaterDay_DoesNotReachBackBeforeIt()
    {
        var calculator = SmallBook.Calculator(exclusions: Granted("8504.40.40", from: new DateOnly(2019, 1, 1)));

        Assert.Equal(2570m, calculator.Quote(new EntryInput("US", new DateOnly(2018, 9, 1), [Line("8504.40.40", "CN", 10_000)], [])).Total);
    }

    [Theory]
    [InlineData("8504.40.40.10", 70)]
    [InlineData("8504.40.40.20", 2570)]
    public void Quote_ExclusionOfOneTenDigitCode_CoversThatCodeOnly(string htsCode, int total)
    {
        var calculator = SmallBook.Calculator(exclusions: Granted("8504.40.40.10"));

        Assert.Equal(total, calculator.Quote(new EntryInput("US", new DateOnly(2018, 9, 1), [Line(htsCode, "CN", 10_000)], [])).Total);
    }

    [Fact]
    public void Quote_PendingAndDeniedExclusions_RemoveNothing()
    {
        var pending = ExclusionRecord.Request("x1", SmallBook.List1, "8504.40.40", "Acme Drives", "Speed drive controllers", Importer, SmallBook.Loaded);
        var denied = ExclusionRecord.Request("x2", SmallBook.List1, "8504.40.40", "Acme Drives", "Speed drive controllers", Importer, SmallBook.Loaded)
            .Decide(false, "", null, null, SmallBook.List1, Officer, SmallBook.Loaded);
        var calculator = SmallBook.Calculator(exclusions: [pending, denied]);

        var line = Assert.Single(calculator.Quote(new EntryInput("US", new DateOnly(2018, 9, 1), [Line("8504.40.40", "CN", 10_000)], [])).Lines);

        Assert.Equal(2570m, line.Duty);
        Assert.Empty(line.ExclusionsApplied);
    }

    [Fact]
    public void Lookup_SpeedDrivesWithAGrantedExclusion_ShowsTheMeasureAndWhatExcludesIt()
    {
        var lookup = SmallBook.Calculator(exclusions: Granted("8504.40.40")).Lookup("8504.40.40", "CN", "US", new DateOnly(2019, 3, 1), null, []);

        Assert.Equal("Electrical speed drive controllers for electric motors (static converters)", lookup.Description);
        Assert.Equal(
            [("", "MFN base rate", "0.7%", "", ""), ("9903.88.01", "Section 301 list 1", "25%", "measures/us-301-list-1", "exclusions/x1")],
            lookup.Rates.Select(r => (r.Heading, r.Description, r.RateText, r.MeasureId, r.ExcludedBy)));
        Assert.Equal(25m, lookup.Rates[1].Percent);
    }

    [Fact]
    public void Quote_UsSoybeansEnteringChinaOnTheFirstDayOfRetaliation_OweTheBaseAndTheRetaliation()
    {
        // 3% of $1,000 = $30, and the 25 points China added on 2018-07-06 = $250.
        var quote = SmallBook.Calculator().Quote(new EntryInput("CN", new DateOnly(2018, 7, 6), [Line("1201.90", "US", 1000)], []));

        var line = Assert.Single(quote.Lines);
        Assert.Equal([("", "3%", 30m), ("", "25%", 250m)], Parts(line));
        Assert.Equal(280m, quote.Total);
    }

    [Fact]
    public void Quote_UsSoybeansEnteringChinaTheDayBefore_OweTheBaseOnly() =>
        Assert.Equal(30m, SmallBook.Calculator().Quote(new EntryInput("CN", new DateOnly(2018, 7, 5), [Line("1201.90", "US", 1000)], [])).Total);

    [Fact]
    public void Quote_WhatIfListThreeSuspended_OwesNoListThreeDuty()
    {
        WhatIf[] suspendList3 = [new("us-301-list-3", true, null, null)];

        var quote = SmallBook.Calculator().Quote(new EntryInput("US", new DateOnly(2019, 7, 1), [Line("8481.80.90", "CN", 10_000)], suspendList3));

        Assert.Equal([("", "2%", 200m)], Parts(Assert.Single(quote.Lines)));
    }

    [Theory]
    [InlineData("2019-07-31", "25%", 2500)]
    [InlineData("2019-08-01", "10%", 1000)]
    public void Quote_WhatIfListThreeBackTo10PercentFromAugust_AppliesFromThatDay(string entryDate, string rateText, int section301)
    {
        WhatIf[] backTo10 = [new("us-301-list-3", false, 10, new DateOnly(2019, 8, 1))];

        var quote = SmallBook.Calculator().Quote(new EntryInput("US", Day(entryDate), [Line("9403.60.80", "CN", 10_000)], backTo10));

        Assert.Equal([("", "Free", 0m), ("9903.88.03", rateText, section301)], Parts(Assert.Single(quote.Lines)));
    }

    [Fact]
    public void Quote_WhatIfOnAMeasureNotInTheBook_IsNotFound()
    {
        WhatIf[] unknown = [new("us-301-list-9", true, null, null)];

        var error = Assert.Throws<NotFoundException>(() =>
            SmallBook.Calculator().Quote(new EntryInput("US", new DateOnly(2019, 7, 1), [Line("9403.60.80", "CN", 10_000)], unknown)));

        Assert.Equal(("MEASURE_NOT_FOUND", "measures/us-301-list-9"), (error.Reason, error.Resource));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1000.01")]
    public void Quote_WhatIfRateOutsideZeroTo1000_FailsNamingTheChange(string percent)
    {
        WhatIf[] changes = [new("us-301-list-3", true, null, null), new("us-301-list-3", false, decimal.Parse(percent, CultureInfo.InvariantCulture), null)];

        var error = Assert.Throws<InvalidInputException>(() =>
            SmallBook.Calculator().Quote(new EntryInput("US", new DateOnly(2019, 7, 1), [Line("9403.60.80", "CN", 10_000)], changes)));

        Assert.Equal("INVALID_RATE", error.Reason);
        Assert.Equal("WhatIf[1].SetRatePercent", Assert.Single(error.Fields).Field);
    }

    [Fact]
    public void Quote_RateWithAPartOnTheCase_AsksForThatPartOnALineOfItsOwn()
    {
        var error = Assert.Throws<InvalidInputException>(() => Quote("2018-09-01", Line("9105.19.10", "JP", 5000, new LineQuantity("NO", 50))));

        Assert.Equal("RATE_NEEDS_PART_VALUES", error.Reason);
        Assert.Equal(
            new FieldError("Lines[0].HtsCode", "the rate '30 cents each + 6.9% on the case' charges 6.9% on the case; quote that part on a line of its own"),
            Assert.Single(error.Fields));
    }

    [Fact]
    public void Quote_LineWithNoRatePrinted_FailsAsNotComputable()
    {
        var error = Assert.Throws<RuleViolationException>(() => Quote("2018-09-01", Line("9801.00.11", "US", 5000)));

        Assert.Equal(("BASE_RATE_NOT_COMPUTABLE", "tariffLines/98010011"), (error.Reason, error.Subject));
        Assert.Equal("the base rate '' (MFN base rate) is not computable: no rate printed", error.Message);
    }

    [Fact]
    public void Quote_SixDigitCodeIntoTheUs_IsTooShort()
    {
        var error = Assert.Throws<InvalidInputException>(() => Quote("2018-09-01", Line("8504.40", "CN", 5000)));

        Assert.Equal("HTS_CODE_TOO_SHORT", error.Reason);
        Assert.Equal("Lines[0].HtsCode", Assert.Single(error.Fields).Field);
    }

    [Fact]
    public void Quote_CodeNotInTheSchedule_IsNotFound()
    {
        var error = Assert.Throws<NotFoundException>(() => Quote("2018-09-01", Line("0101.21.00", "MX", 5000)));

        Assert.Equal(("TARIFF_LINE_NOT_FOUND", "tariffLines/01012100"), (error.Reason, error.Resource));
    }

    [Fact]
    public void Quote_CodeChinaHasNoRateFor_IsNotFound()
    {
        var error = Assert.Throws<NotFoundException>(() =>
            SmallBook.Calculator().Quote(new EntryInput("CN", new DateOnly(2018, 9, 1), [Line("8802.40", "US", 5000)], [])));

        Assert.Equal(("HS_CODE_NOT_FOUND", "CN tariff code 880240"), (error.Reason, error.Resource));
    }

    private static ExclusionRecord Granted(string htsCode, DateOnly? from = null) =>
        ExclusionRecord.Request("x1", SmallBook.List1, htsCode, "Acme Drives", "Speed drive controllers", Importer, SmallBook.Loaded)
            .Decide(true, "9903.88.05", from, new DateOnly(2019, 12, 28), SmallBook.List1, Officer, SmallBook.Loaded);
}
