using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Domain.Tests.Quotes;
using static TradeGrpc.Tariff.Domain.Tests.Actors;

namespace TradeGrpc.Tariff.Domain.Tests.Allowances;

/// <summary>
/// Exclusions limited to one importer and an allowance, and absolute quotas counted per period, on
/// the small book: US soybeans into China owe a 3% base and 25% retaliation in January 2019; steel
/// sections (7216.10.00, free) owe Section 232's 25% unless a treatment says otherwise.
/// </summary>
public sealed class AllowanceTests
{
    private static readonly DateTimeOffset Now = new(2019, 1, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Entered = new(2019, 1, 15);

    /// <summary>A market-based exclusion of 100 t of soybeans for importer <c>grain-co</c>.</summary>
    private static readonly ExclusionRecord Soybeans = ExclusionRecord.Request("soy", SmallBook.ChinaRetaliation, "120190", "Grain Co", "Soybeans", Importer, Now,
            "grain-co", new Allowance("T", 100))
        .Decide(true, "", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), SmallBook.ChinaRetaliation, Officer, Now);

    private static QuoteLineInput SoybeanLine(decimal usd, decimal tonnes, string importer = "grain-co") =>
        new("120190", "US", null, usd, [new LineQuantity("T", tonnes)]) { Importer = importer };

    private static AllowanceUses Used(string key, decimal amount) => new([new AllowanceUse(key, "T", amount, 1)]);

    [Fact]
    public void Quote_FiftyTonnesWithSixtyOfAHundredUsed_OwesTheRetaliationOnTheTenTonnesBeyond()
    {
        var calculator = SmallBook.Calculator(null, Soybeans);

        var duty = calculator.Quote(new EntryInput("CN", Entered, [SoybeanLine(20_000, 50)], []), Used("exclusions/soy", 60));

        // 40 t are left: 40 of the 50 t are excluded, and 10 t (a fifth of $20,000 = $4,000) owe 25% = $1,000; the 3% base on $20,000 is $600.
        Assert.Equal(1_600m, duty.Total);
        var retaliation = Assert.Single(duty.Lines[0].Parts, p => p.MeasureId == "measures/cn-retaliation");
        Assert.Equal((1_000m, new AllowanceDraw("exclusions/soy", "T", 40, 40, 10)), (retaliation.Amount, retaliation.Draw));
        Assert.Equal(["exclusions/soy"], duty.Lines[0].ExclusionsApplied);
    }

    [Fact]
    public void Quote_TwoLinesDrawingOnOneAllowance_TheSecondTakesWhatTheFirstLeft()
    {
        var calculator = SmallBook.Calculator(null, Soybeans);

        var duty = calculator.Quote(new EntryInput("CN", Entered, [SoybeanLine(32_000, 80), SoybeanLine(12_000, 30)], []), AllowanceUses.None);

        // The first line takes 80 t of 100 and owes the 3% base, $960; the second finds 20 t left, so 10 of its 30 t
        // ($4,000 of $12,000) owe 25% = $1,000, with the 3% base of $360.
        Assert.Equal((960m, 1_360m), (duty.Lines[0].Duty, duty.Lines[1].Duty));
        Assert.Equal(new AllowanceDraw("exclusions/soy", "T", 20, 20, 10), duty.Lines[1].Parts.Single(p => p.Draw is not null).Draw);
    }

    [Fact]
    public void Quote_LineOfAnotherImporter_OwesTheFullRetaliation()
    {
        var duty = SmallBook.Calculator(null, Soybeans).Quote(new EntryInput("CN", Entered, [SoybeanLine(20_000, 50, "other-co")], []), AllowanceUses.None);

        // 3% + 25% of $20,000.
        Assert.Equal(5_600m, duty.Total);
        Assert.Empty(duty.Lines[0].ExclusionsApplied);
    }

    [Fact]
    public void Quote_LineInKilogramsAgainstAnAllowanceInTonnes_DrawsTheTonnesTheyMake()
    {
        var line = new QuoteLineInput("120190", "US", null, 20_000, [new LineQuantity("KG", 70_000)]) { Importer = "grain-co" };

        var duty = SmallBook.Calculator(null, Soybeans).Quote(new EntryInput("CN", Entered, [line], []), Used("exclusions/soy", 60));

        // 70,000 kg are 70 t, of which the 40 t left are excluded: 30 t (three sevenths of $20,000, $8,571.43)
        // owe 25% = $2,142.86; the 3% base on $20,000 is $600.
        Assert.Equal(2_742.86m, duty.Total);
        Assert.Equal(new AllowanceDraw("exclusions/soy", "T", 40, 40, 30), duty.Lines[0].Parts.Single(p => p.Draw is not null).Draw);
    }

    [Fact]
    public void Quote_LineWithoutAQuantityInTheAllowancesUnit_FailsNamingTheUnit()
    {
        // A number of pieces says nothing of the tonnes.
        var line = new QuoteLineInput("120190", "US", null, 20_000, [new LineQuantity("NO", 50)]) { Importer = "grain-co" };

        var error = Assert.Throws<InvalidInputException>(() => SmallBook.Calculator(null, Soybeans).Quote(new EntryInput("CN", Entered, [line], []), AllowanceUses.None));

        Assert.Equal(("QUANTITY_MISSING", "Lines[0].Quantities"), (error.Reason, Assert.Single(error.Fields).Field));
        Assert.Contains("with unit T", error.Fields[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_NoTonnesOfGoodsOfSomeValueAgainstAnAllowance_IsRefused()
    {
        // Were 0 t counted, nothing would go beyond the used-up allowance and the $20,000 would owe no retaliation.
        var error = Assert.Throws<InvalidInputException>(() =>
            SmallBook.Calculator(null, Soybeans).Quote(new EntryInput("CN", Entered, [SoybeanLine(20_000, 0)], []), Used("exclusions/soy", 100)));

        Assert.Equal(("QUANTITY_ZERO", "Lines[0].Quantities"), (error.Reason, Assert.Single(error.Fields).Field));
    }

    /// <summary>Another exclusion of soybeans for <c>grain-co</c>, granted with <paramref name="allowance"/> (null: no limit).</summary>
    private static ExclusionRecord SecondSoybeanExclusion(Allowance? allowance) =>
        ExclusionRecord.Request("soy-2", SmallBook.ChinaRetaliation, "120190", "Grain Co", "Soybeans", Importer, Now, "grain-co", allowance)
            .Decide(true, "", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), SmallBook.ChinaRetaliation, Officer, Now);

    [Fact]
    public void Quote_FirstExclusionUsedUpAndASecondWithoutLimit_IsExcludedByTheSecond()
    {
        var calculator = SmallBook.Calculator(null, Soybeans, SecondSoybeanExclusion(null));

        var duty = calculator.Quote(new EntryInput("CN", Entered, [SoybeanLine(20_000, 50)], []), Used("exclusions/soy", 100));

        // The second exclusion lifts the retaliation from the whole line: only the 3% base on $20,000 is owed.
        Assert.Equal(600m, duty.Total);
        Assert.Equal(["exclusions/soy-2"], duty.Lines[0].ExclusionsApplied);
    }

    [Fact]
    public void Quote_FirstExclusionUsedUpAndASecondWithSomeLeft_DrawsOnTheSecond()
    {
        var calculator = SmallBook.Calculator(null, Soybeans, SecondSoybeanExclusion(new Allowance("T", 30)));

        var duty = calculator.Quote(new EntryInput("CN", Entered, [SoybeanLine(20_000, 50)], []), Used("exclusions/soy", 100));

        // The second's 30 t are excluded; 20 t of 50 ($8,000 of $20,000) owe 25% = $2,000, with the 3% base of $600.
        Assert.Equal(2_600m, duty.Total);
        Assert.Equal(new AllowanceDraw("exclusions/soy-2", "T", 30, 30, 20), duty.Lines[0].Parts.Single(p => p.Draw is not null).Draw);
    }

    /// <summary>Section 232 steel with an absolute quota of 1,000 t a quarter for Korea in 2019.</summary>
    private static readonly MeasureRecord SteelWithQuota = SmallBook.Steel with
    {
        CountryTreatments =
        [
            new CountryTreatment(["KR"], new DateOnly(2019, 1, 1), null, CountryTreatmentKind.AbsoluteQuota, Basis: "Proclamation 9740")
            {
                QuotaPeriods = [new QuotaPeriod(new DateOnly(2019, 1, 1), new DateOnly(2019, 3, 31), new Allowance("T", 1_000))],
            },
        ],
    };

    private static EntryInput KoreanSteel(decimal tonnes) =>
        new("US", Entered, [new QuoteLineInput("7216.10.00", "KR", null, 500_000, [new LineQuantity("T", tonnes)])], []);

    [Fact]
    public void Quote_SteelWithinTheQuotaPeriod_OwesNoSection232AndSaysWhatIsLeft()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota]);

        var duty = calculator.Quote(KoreanSteel(400), Used("measures/us-232-steel/quotas/KR/2019-01-01", 500));

        Assert.Equal(0m, duty.Total);
        Assert.Equal(new AllowanceDraw("measures/us-232-steel/quotas/KR/2019-01-01", "T", 500, 400, 0), duty.Lines[0].Parts.Single(p => p.Draw is not null).Draw);
    }

    [Fact]
    public void Quote_SteelInKilogramsWithinAQuotaInTonnes_CountsTheTonnesTheyMake()
    {
        var entry = new EntryInput("US", Entered, [new QuoteLineInput("7216.10.00", "KR", null, 500_000, [new LineQuantity("KG", 450_000)])], []);

        var duty = SmallBook.Calculator([SteelWithQuota]).Quote(entry, Used("measures/us-232-steel/quotas/KR/2019-01-01", 500));

        // 450,000 kg are 450 t, within the 500 t left of the quarter's 1,000 t: no Section 232 duty, and the base is free.
        Assert.Equal(0m, duty.Total);
        Assert.Equal(new AllowanceDraw("measures/us-232-steel/quotas/KR/2019-01-01", "T", 500, 450, 0), duty.Lines[0].Parts.Single(p => p.Draw is not null).Draw);
    }

    [Fact]
    public void Quote_SteelBeyondWhatIsLeftOfTheQuota_IsRefusedNamingTheQuotaAndWhatIsLeft()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota]);

        var error = Assert.Throws<RuleViolationException>(() => calculator.Quote(KoreanSteel(600), Used("measures/us-232-steel/quotas/KR/2019-01-01", 500)));

        Assert.Equal(("QUOTA_FILLED", "QUOTA", "measures/us-232-steel/quotas/KR/2019-01-01"), (error.Reason, error.Type, error.Subject));
        Assert.Equal("500", error.Metadata["remaining"]);
        Assert.Contains("until 2019-04-01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_NoTonnesOfSteelOfSomeValueAgainstAFilledQuota_IsRefused()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota]);

        // Were 0 t counted, $500,000 of steel would enter under a quota with nothing left.
        var error = Assert.Throws<InvalidInputException>(() => calculator.Quote(KoreanSteel(0), Used("measures/us-232-steel/quotas/KR/2019-01-01", 1_000)));

        Assert.Equal(("QUANTITY_ZERO", "Lines[0].Quantities"), (error.Reason, Assert.Single(error.Fields).Field));
    }

    /// <summary>A Section 232 exclusion of 100 t of Korean steel sections for importer <c>steel-co</c>.</summary>
    private static readonly ExclusionRecord SteelSections = ExclusionRecord.Request("sections", SmallBook.Steel, "7216.10.00", "Steel Co", "Steel sections", Importer, Now,
            "steel-co", new Allowance("T", 100))
        .Decide(true, "", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), SmallBook.Steel, Officer, Now);

    private static EntryInput KoreanSteelOf(string importer, decimal tonnes) =>
        new("US", Entered, [new QuoteLineInput("7216.10.00", "KR", null, 500_000, [new LineQuantity("T", tonnes)]) { Importer = importer }], []);

    [Fact]
    public void Quote_SteelBeyondAnExclusionsAllowance_CountsThePartBeyondAgainstTheQuota()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota], SteelSections);

        var duty = calculator.Quote(KoreanSteelOf("steel-co", 150), Used("measures/us-232-steel/quotas/KR/2019-01-01", 900));

        // The exclusion takes 100 of the 150 t, which count against no quota; the 50 t beyond it count against
        // the 100 t left of the quarter's 1,000 t. Within the quota Section 232 charges nothing, and the base is free.
        Assert.Equal(0m, duty.Total);
        var steel = duty.Lines[0].Parts.Single(p => p.MeasureId == "measures/us-232-steel");
        Assert.Equal(new AllowanceDraw("exclusions/sections", "T", 100, 100, 50), steel.Draw);
        Assert.Equal(new AllowanceDraw("measures/us-232-steel/quotas/KR/2019-01-01", "T", 100, 50, 0), steel.QuotaDraw);
        Assert.Equal(
            [("exclusions/sections", "T", 100m), ("measures/us-232-steel/quotas/KR/2019-01-01", "T", 50m)],
            EntryRecord.Drawn(duty));
    }

    [Fact]
    public void Quote_SteelBeyondAnExclusionsAllowanceAndWhatIsLeftOfTheQuota_IsRefused()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota], SteelSections);

        // 50 t go beyond the exclusion's 100 t, and only 20 t are left of the quota.
        var error = Assert.Throws<RuleViolationException>(() =>
            calculator.Quote(KoreanSteelOf("steel-co", 150), Used("measures/us-232-steel/quotas/KR/2019-01-01", 980)));

        Assert.Equal(("QUOTA_FILLED", "measures/us-232-steel/quotas/KR/2019-01-01"), (error.Reason, error.Subject));
        Assert.Equal("20", error.Metadata["remaining"]);
    }

    [Fact]
    public void Quote_SteelBeyondAValueAllowanceByAThird_CountsTheTonnesToNinePlaces()
    {
        var byValue = ExclusionRecord.Request("sections-usd", SmallBook.Steel, "7216.10.00", "Steel Co", "Steel sections", Importer, Now,
                "steel-co", new Allowance(Allowance.Usd, 20_000))
            .Decide(true, "", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31), SmallBook.Steel, Officer, Now);
        var line = new QuoteLineInput("7216.10.00", "KR", null, 30_000, [new LineQuantity("T", 10)]) { Importer = "steel-co" };

        var duty = SmallBook.Calculator([SteelWithQuota], byValue)
            .Quote(new EntryInput("US", Entered, [line], []), Used("measures/us-232-steel/quotas/KR/2019-01-01", 996.666666667m));

        // $10,000 of the $30,000 go beyond the exclusion's $20,000: a third of the 10 t, 3.333333333 t to the nine places a
        // quantity states, which is just what is left of the quota (1,000 t less 996.666666667). Unrounded, a residue of
        // 3.3333333333333333333333333333 t would go beyond it and refuse the entry.
        Assert.Equal(0m, duty.Total);
        var steel = duty.Lines[0].Parts.Single(p => p.MeasureId == "measures/us-232-steel");
        Assert.Equal(new AllowanceDraw("measures/us-232-steel/quotas/KR/2019-01-01", "T", 3.333333333m, 3.333333333m, 0), steel.QuotaDraw);
    }

    [Fact]
    public void Quote_SteelWithinAnExclusionsAllowance_CountsNothingAgainstAFilledQuota()
    {
        var calculator = SmallBook.Calculator([SteelWithQuota], SteelSections);

        var duty = calculator.Quote(KoreanSteelOf("steel-co", 80), Used("measures/us-232-steel/quotas/KR/2019-01-01", 1_000));

        // Goods an exclusion covers are relieved of the quota too (Proclamation 9777): all 80 t are within its 100 t.
        Assert.Equal(0m, duty.Total);
        var steel = duty.Lines[0].Parts.Single(p => p.MeasureId == "measures/us-232-steel");
        Assert.Equal((new AllowanceDraw("exclusions/sections", "T", 100, 80, 0), (AllowanceDraw?)null), (steel.Draw, steel.QuotaDraw));
    }

    [Fact]
    public void Update_QuotaPeriodsThatOverlap_AreRefused()
    {
        var overlapping = new CountryTreatment(["KR"], new DateOnly(2019, 1, 1), null, CountryTreatmentKind.AbsoluteQuota)
        {
            QuotaPeriods =
            [
                new QuotaPeriod(new DateOnly(2019, 1, 1), new DateOnly(2019, 3, 31), new Allowance("T", 1_000)),
                new QuotaPeriod(new DateOnly(2019, 3, 1), new DateOnly(2019, 6, 30), new Allowance("T", 1_000)),
            ],
        };

        var error = Assert.Throws<InvalidInputException>(() => SmallBook.Steel.Update("", m => m with { CountryTreatments = [overlapping] }, Now));

        Assert.Equal("CountryTreatments[0].QuotaPeriods[1].Through", Assert.Single(error.Fields).Field);
    }

    [Fact]
    public void Update_QuotaPeriodsOnAnExemption_AreRefused()
    {
        var exempt = new CountryTreatment(["AU"], new DateOnly(2019, 1, 1), null, CountryTreatmentKind.Exempt)
        {
            QuotaPeriods = [new QuotaPeriod(new DateOnly(2019, 1, 1), new DateOnly(2019, 3, 31), new Allowance("T", 1_000))],
        };

        var error = Assert.Throws<InvalidInputException>(() => SmallBook.Steel.Update("", m => m with { CountryTreatments = [exempt] }, Now));

        Assert.Equal("CountryTreatments[0].QuotaPeriods", Assert.Single(error.Fields).Field);
    }

    [Fact]
    public void Request_SixDigitCodeFromAUsMeasure_IsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => ExclusionRecord.Request("x", SmallBook.List1, "850440", "Acme", "", Importer, Now));

        Assert.Equal("HTS_CODE_TOO_SHORT", error.Reason);
    }

    [Fact]
    public void Request_AllowanceOfNothing_IsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            ExclusionRecord.Request("x", SmallBook.ChinaRetaliation, "120190", "Grain Co", "", Importer, Now, "grain-co", new Allowance("T", 0)));

        Assert.Equal("ALLOWANCE_EMPTY", error.Reason);
    }

    [Fact]
    public void With_AnOlderReadingOfAUse_KeepsTheLaterOne()
    {
        var uses = new AllowanceUses([new AllowanceUse("exclusions/soy", "T", 60, 2)]);

        var after = uses.With([new AllowanceUse("exclusions/soy", "T", 30, 1), new AllowanceUse("exclusions/oil", "USD", 5, 1)]);

        Assert.Equal((60m, 5m), (after.Used("exclusions/soy"), after.Used("exclusions/oil")));
    }
}
