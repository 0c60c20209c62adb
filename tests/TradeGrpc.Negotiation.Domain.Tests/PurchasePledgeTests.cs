using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Import;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

/// <summary>
/// Phase One's 2020 purchase pledges as phase-one/goals_by_category.csv has them (2017 baseline,
/// 2020 goal above it, and the 2020 value China bought), read both ways, and trade figures by HS
/// code assigned through the bundled annex 6.1 table.
/// </summary>
public sealed class PurchasePledgeTests
{
    private static readonly DateOnly Jan1 = new(2020, 1, 1);
    private static readonly DateOnly Dec31 = new(2020, 12, 31);

    private static readonly AnnexTable Annex = PhaseOneAnnex.Load();

    private static Commitment Pledge(int number, PurchaseCategory category, decimal baseline, decimal goal,
        CommitmentStatusKind status = CommitmentStatusKind.Official, string party = "CN", DateOnly? start = null, DateOnly? end = null) =>
        new(Name, number, new CommitmentTerms(party, CommitmentType.Purchase, status, $"{category} in 2020",
            new PurchaseTerms(category.ToString(), start ?? Jan1, end ?? Dec31, baseline, goal, category), null), null, 1);

    private static Commitment Manufactured(int number = 1) => Pledge(number, PurchaseCategory.ManufacturedGoods, 50_151_478_524m, 32_900_000_000m);

    private static Commitment Agriculture(int number = 2) => Pledge(number, PurchaseCategory.Agriculture, 20_969_792_856m, 12_500_000_000m);

    private static Commitment Energy(int number = 3) => Pledge(number, PurchaseCategory.Energy, 7_649_222_398m, 18_500_000_000m);

    private static Purchase Total(decimal amount, string hsCode = "") => new(Jan1, Dec31, amount, "2020 value", PurchaseBasis.Total, hsCode);

    private static Purchase Above(decimal amount) => new(Jan1, Dec31, amount, "2020 value above 2017");

    [Theory]
    [InlineData("1201", PurchaseCategory.Agriculture)] // soybeans (Oilseeds)
    [InlineData("120190", PurchaseCategory.Agriculture)] // a subheading counts as its heading's line
    [InlineData("2709", PurchaseCategory.Energy)] // crude oil
    [InlineData("8802", PurchaseCategory.ManufacturedGoods)] // aircraft
    [InlineData("880240", PurchaseCategory.ManufacturedGoods)] // aeroplanes over 15,000 kg
    [InlineData("290511", PurchaseCategory.Energy)] // methanol: its own line, "3. Energy"
    [InlineData("2905", PurchaseCategory.ManufacturedGoods)] // the heading's own line, "1. Manufactured Goods"
    [InlineData("290512", PurchaseCategory.ManufacturedGoods)] // propanol falls under the heading's line
    [InlineData("2711", PurchaseCategory.Energy)] // listed only in parts (271111, 271112, 271113, 27111990), all energy
    [InlineData("271121", null)] // gaseous natural gas: none of 2711's lines
    [InlineData("9403", null)] // furniture: not in the annex
    [InlineData("8708", null)] // vehicle parts: not in the annex
    public void CategoryOf_BundledAnnex_IsTheCategoryOfTheFinestLineItFallsUnder(string hsCode, PurchaseCategory? category) =>
        Assert.Equal(category, Annex.CategoryOf(hsCode));

    [Fact]
    public void Load_BundledAnnex_HasEveryLine() =>
        // 536 records: 528 headings, 6 six-digit lines, 27111990 and 271012250.
        Assert.Equal(536, Annex.Count);

    [Fact]
    public void Figures_ManufacturedTotalFor2020_ReadBothWays()
    {
        var progress = new CommitmentProgress(Manufactured(), [Total(52_298_007_318m)]);

        // 52,298,007,318 / (50,151,478,524 + 32,900,000,000) = 62.97% against baseline plus commitment;
        // (52,298,007,318 - 50,151,478,524) / 32,900,000,000 = 2,146,528,794 / 32.9B = 6.52% of the promised increase.
        Assert.Equal(new PurchaseFigures(50_151_478_524m, 32_900_000_000m, 52_298_007_318m, 2_146_528_794m), progress.Figures);
        Assert.Equal((83_051_478_524m, 63.0m, 6.5m), (progress.Figures.GoalUsd, progress.Figures.PurchasedPercent, progress.Figures.FulfilledPercent));
    }

    [Fact]
    public void Figures_TheSameAboveTheBaseline_ReadAsTheTotal()
    {
        var total = new CommitmentProgress(Manufactured(), [Total(52_298_007_318m)]).Figures;

        // 52,298,007,318 - 50,151,478,524 = 2,146,528,794 above the baseline, recorded in two halves.
        var above = new CommitmentProgress(Manufactured(), [Above(1_000_000_000m), Above(1_146_528_794m)]).Figures;

        Assert.Equal(total, above);
    }

    [Fact]
    public void Figures_TotalBelowTheBaseline_IsNegativeAboveIt()
    {
        // Half a year of energy, 4,000,000,000, set against the whole 2017 baseline of 7,649,222,398:
        // -3,649,222,398 above it, -19.7% of the 18.5B increase; 4.0B / 26,149,222,398 = 15.3% of the goal.
        var figures = new CommitmentProgress(Energy(), [Total(4_000_000_000m)]).Figures;

        Assert.Equal((-3_649_222_398m, -19.7m, 15.3m), (figures.FulfilledUsd, figures.FulfilledPercent, figures.PurchasedPercent));
    }

    [Fact]
    public void Figures_NothingRecorded_IsNothingBoughtEitherWay()
    {
        var figures = new CommitmentProgress(Agriculture(), []).Figures;

        Assert.Equal(new PurchaseFigures(20_969_792_856m, 12_500_000_000m, 0m, 0m), figures);
        Assert.Equal((0m, 0m), (figures.PurchasedPercent, figures.FulfilledPercent));
    }

    [Fact]
    public void RecordPurchases_TotalOnAPledgeWithAmountsAboveTheBaseline_FailsAndChangesNothing()
    {
        var pledge = Manufactured();

        var error = Assert.Throws<RuleViolationException>(() => pledge.RecordPurchases([Total(1m)], [Above(1m)]));

        Assert.Equal(("PURCHASE_BASIS_MIXED", "BASIS", pledge.Name), (error.Reason, error.Type, error.Subject));
        Assert.Equal($"{pledge.Name} records purchases ABOVE_BASELINE; an amount TOTAL cannot be added to them.", error.Message);
        Assert.Equal(1L, pledge.Version);
    }

    [Fact]
    public void RecordPurchases_SeveralLines_AreOneEventForTheirSum()
    {
        var pledge = Agriculture();

        var recorded = pledge.RecordPurchases([Total(10_000_000_000m, "1201"), Total(2_500_000_000.50m, "1005")], []);

        Assert.Equal(new TalkEvent(TalkEventKind.PurchasesRecorded, pledge.Name, "Purchases of $12,500,000,000.50 recorded for 2020-01-01 to 2020-12-31."), recorded);
        Assert.Equal(2L, pledge.Version);
    }

    [Fact]
    public void RequireRoomFor_SameCategoryOverlapping_FailsNamingThePledgeThere()
    {
        var pledges = new PurchasePledges([Agriculture(1)]);
        var second = Agriculture(2).Terms with { Purchase = Agriculture().Terms.Purchase! with { PeriodStart = new(2020, 7, 1), PeriodEnd = new(2021, 6, 30) } };

        var error = Assert.Throws<RuleViolationException>(() => pledges.RequireRoomFor(second));

        Assert.Equal(("PURCHASE_PERIOD_OVERLAPS", $"{Name}/commitments/1"), (error.Reason, error.Subject));
        Assert.Equal($"{Name}/commitments/1 pledges CN's AGRICULTURE purchases for 2020-01-01 to 2020-12-31; a pledge of the same category may not overlap it.", error.Message);
    }

    [Fact]
    public void RequireRoomFor_NextYearAnotherCategoryAnotherPartyOrAfterAWithdrawal_Passes()
    {
        var pledges = new PurchasePledges([Agriculture(1), Pledge(2, PurchaseCategory.Energy, 0m, 1m, CommitmentStatusKind.Withdrawn)]);
        var farm = Agriculture().Terms;

        pledges.RequireRoomFor(farm with { Purchase = farm.Purchase! with { PeriodStart = new(2021, 1, 1), PeriodEnd = new(2021, 12, 31) } });
        pledges.RequireRoomFor(Manufactured().Terms);
        pledges.RequireRoomFor(farm with { Party = "US" });
        pledges.RequireRoomFor(Energy().Terms);
    }

    [Fact]
    public void Assign_SoybeansCrudeAircraftAndFurniture_GoToTheirPledgesOrNowhere()
    {
        var pledges = new PurchasePledges([Manufactured(), Agriculture(), Energy()]);
        TradeLine[] lines = [new("1201", 8_000_000_000m), new("2709.00", 2_000_000_000m), new("8802", 1_000_000_000m), new("9403", 5_000_000m)];

        var assigned = pledges.Assign(Name, Annex, "CN", Jan1, Dec31, lines);

        Assert.Equal(
        [
            new TradeLineAssignment(lines[0], PurchaseCategory.Agriculture, $"{Name}/commitments/2"),
            new TradeLineAssignment(lines[1], PurchaseCategory.Energy, $"{Name}/commitments/3"),
            new TradeLineAssignment(lines[2], PurchaseCategory.ManufacturedGoods, $"{Name}/commitments/1"),
            new TradeLineAssignment(lines[3], null, null),
        ], assigned);
    }

    [Fact]
    public void Assign_CoveredLineWithoutAPledgeForItsPeriod_FailsNamingCodeAndCategory()
    {
        // The energy pledge is for 2020; figures for 2021 have none to count for.
        var pledges = new PurchasePledges([Energy()]);

        var error = Assert.Throws<RuleViolationException>(() =>
            pledges.Assign(Name, Annex, "CN", new(2021, 1, 1), new(2021, 3, 31), [new("2709", 1m)]));

        Assert.Equal(("NO_PURCHASE_COMMITMENT", Name), (error.Reason, error.Subject));
        Assert.Equal("HS 2709 counts for ENERGY, but CN has no ENERGY purchase commitment whose period holds 2021-01-01 to 2021-03-31.", error.Message);
        Assert.Equal(new Dictionary<string, string> { ["hs_code"] = "2709", ["category"] = "ENERGY" }, error.Metadata);
    }

    [Fact]
    public void Assign_PledgeOfTheOtherPartyOrWithdrawn_DoesNotCount()
    {
        var pledges = new PurchasePledges([Pledge(1, PurchaseCategory.Agriculture, 0m, 1m, party: "US"), Pledge(2, PurchaseCategory.Agriculture, 0m, 1m, CommitmentStatusKind.Withdrawn)]);

        var error = Assert.Throws<RuleViolationException>(() => pledges.Assign(Name, Annex, "CN", Jan1, Dec31, [new("1201", 1m)]));

        Assert.Equal("NO_PURCHASE_COMMITMENT", error.Reason);
    }

    [Fact]
    public void Assign_CodesTooShortOrNotDigits_FailOnEachLine()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            new PurchasePledges([]).Assign(Name, Annex, "CN", Jan1, Dec31, [new("120", 1m), new("1201", 1m), new("12AB", 1m)]));

        Assert.Equal("HS_CODE", error.Reason);
        Assert.Equal(["Lines[0].HsCode", "Lines[2].HsCode"], error.Fields.Select(f => f.Field));
    }

    [Fact]
    public void Assign_OneCodeWrittenTwoWays_FailsOnTheSecondLineBeforeLookingForPledges()
    {
        // No pledge at all: a repeated code is the input's fault, whatever the negotiation holds.
        var error = Assert.Throws<InvalidInputException>(() =>
            new PurchasePledges([]).Assign(Name, Annex, "CN", Jan1, Dec31, [new("2709.00", 1m), new("1201", 1m), new("270900", 1m)]));

        Assert.Equal("DUPLICATE_HS_CODE", error.Reason);
        Assert.Equal(["Lines[2].HsCode"], error.Fields.Select(f => f.Field));
    }

    [Fact]
    public void Assign_ACodeUnderAnotherLinesHeading_FailsOnItBeforeLookingForPledges()
    {
        // 1201's total already holds 1201.90's soybeans; 2709 and 2710 share only their chapter, no line's code.
        var error = Assert.Throws<InvalidInputException>(() =>
            new PurchasePledges([]).Assign(Name, Annex, "CN", Jan1, Dec31, [new("1201.90", 1m), new("2709", 1m), new("1201", 1m), new("2710", 1m)]));

        Assert.Equal("OVERLAPPING_HS_CODE", error.Reason);
        Assert.Equal(["Lines[0].HsCode"], error.Fields.Select(f => f.Field));
        Assert.Contains("under HS code 1201 of lines[2]", error.Fields[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_ThreeCategoriesOf2020_PerCategoryAndForTheDeal()
    {
        Commitment[] pledges = [Manufactured(), Agriculture(), Energy()];
        var bought = new[] { (1, 52_298_007_318m), (2, 27_303_827_703m), (3, 8_797_696_034m) }.ToLookup(p => p.Item1, p => Total(p.Item2));

        var summary = new PurchasePledges(pledges).Summarize(bought, 0);

        // Per category, 2020 value / (2017 value + goal) and (2020 value - 2017 value) / goal:
        //   manufactured 52,298,007,318 / 83,051,478,524 = 62.97%; 2,146,528,794 / 32.9B = 6.52%
        //   agriculture  27,303,827,703 / 33,469,792,856 = 81.58%; 6,334,034,847 / 12.5B = 50.67%
        //   energy        8,797,696,034 / 26,149,222,398 = 33.64%; 1,148,473,636 / 18.5B =  6.21%
        Assert.Equal(
        [
            (PurchaseCategory.ManufacturedGoods, 63.0m, 6.5m),
            (PurchaseCategory.Agriculture, 81.6m, 50.7m),
            (PurchaseCategory.Energy, 33.6m, 6.2m),
        ], summary.Categories.Select(c => (c.Category!.Value, c.Figures.PurchasedPercent, c.Figures.FulfilledPercent)));
        // The deal: baselines 78,770,493,778, goals 63.9B, bought 88,399,531,055:
        //   88,399,531,055 / 142,670,493,778 = 61.96%; 9,629,037,277 / 63.9B = 15.07%.
        Assert.Equal(new PurchaseFigures(78_770_493_778m, 63_900_000_000m, 88_399_531_055m, 9_629_037_277m), summary.Total.Figures);
        Assert.Equal((62.0m, 15.1m), (summary.Total.Figures.PurchasedPercent, summary.Total.Figures.FulfilledPercent));
        Assert.Equal([$"{Name}/commitments/1", $"{Name}/commitments/2", $"{Name}/commitments/3"], summary.Total.Commitments);
    }

    [Fact]
    public void Summarize_OneYear_LeavesOutPledgesOfOtherYearsAndThoseWithoutACategory()
    {
        var next = Pledge(4, PurchaseCategory.Agriculture, 20_969_792_856m, 19_500_000_000m, start: new(2021, 1, 1), end: new(2021, 12, 31));
        var outside = new Commitment(Name, 5, new CommitmentTerms("CN", CommitmentType.Purchase, CommitmentStatusKind.Indicated, "",
            new PurchaseTerms("soybeans", Jan1, Dec31, null, null), null), null, 1);

        var summary = new PurchasePledges([Agriculture(), next, outside]).Summarize(Enumerable.Empty<(int, Purchase)>().ToLookup(p => p.Item1, p => p.Item2), 2021);

        var farm = Assert.Single(summary.Categories);
        Assert.Equal([$"{Name}/commitments/4"], farm.Commitments);
        Assert.Equal(19_500_000_000m, farm.Figures.TargetUsd);
        Assert.Equal(farm.Figures, summary.Total.Figures);
    }
}
