using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>
/// China's Phase One pledges for 2020 as phase-one/goals_by_category.csv has them (2017 baseline,
/// the increase promised, and the 2020 value bought), read both ways; trade figures by HS code
/// assigned through annex 6.1. Run on each store provider (see ProviderRuns).
/// </summary>
public abstract class PurchaseProgressTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private static Commitment Pledge(PurchaseCategory category, long baseline, long target, int year = 2020) => new()
    {
        Party = "CN",
        Kind = CommitmentKind.Purchase,
        Description = $"Phase One: {category} above 2017 in {year}.",
        Purchase = new PurchaseTerms
        {
            Category = category.ToString(), AnnexCategory = category, StartDate = Day(year, 1, 1), EndDate = Day(year, 12, 31),
            Baseline = Usd(baseline), Target = Usd(target),
        },
    };

    private static Commitment Manufactured() => Pledge(PurchaseCategory.ManufacturedGoods, 50_151_478_524, 32_900_000_000);

    private static Commitment Agriculture() => Pledge(PurchaseCategory.Agriculture, 20_969_792_856, 12_500_000_000);

    private static Commitment Energy() => Pledge(PurchaseCategory.Energy, 7_649_222_398, 18_500_000_000);

    private static PurchaseRecord Bought2020(long units, PurchaseBasis basis) => new()
    {
        StartDate = Day(2020, 1, 1), EndDate = Day(2020, 12, 31), Amount = Usd(units), Source = "PIIE, 2020 value", Basis = basis,
    };

    private static TradeLine Line(string hsCode, long units) => new() { HsCode = hsCode, Amount = Usd(units) };

    private static RecordTradePurchasesRequest Trade(V1.Negotiation talks, params TradeLine[] lines) => new()
    {
        Name = talks.Name, Party = "CN", StartDate = Day(2020, 1, 1), EndDate = Day(2020, 12, 31), Source = "US exports to China, 2020", Lines = { lines },
    };

    private async Task<Commitment> PledgeAsync(V1.Negotiation talks, Commitment pledge) =>
        await client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = pledge, InitialState = CommitmentState.Official });

    private async Task<(V1.Negotiation Talks, Commitment Manufactured, Commitment Agriculture, Commitment Energy)> PhaseOneAsync()
    {
        var talks = await client.CreateUsChinaAsync();
        return (talks, await PledgeAsync(talks, Manufactured()), await PledgeAsync(talks, Agriculture()), await PledgeAsync(talks, Energy()));
    }

    [Fact]
    public async Task GetCommitmentProgress_ManufacturedTotalFor2020_ReadsAgainstBaselinePlusCommitmentAndAsTheIncrease()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await PledgeAsync(talks, Manufactured());

        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought2020(52_298_007_318, PurchaseBasis.Total) });
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge.Name });

        // 52,298,007,318 / (50,151,478,524 + 32,900,000,000) = 62.97% against baseline plus commitment;
        // (52,298,007,318 - 50,151,478,524) / 32,900,000,000 = 2,146,528,794 / 32.9B = 6.52% of the promised increase.
        Assert.Equal((Usd(50_151_478_524), Usd(83_051_478_524), Usd(52_298_007_318), 63.0),
            (progress.Baseline, progress.Goal, progress.Purchased, progress.PurchasedPercent));
        Assert.Equal((Usd(32_900_000_000), Usd(2_146_528_794), 6.5), (progress.Target, progress.Fulfilled, progress.FulfilledPercent));
        Assert.Equal(PurchaseBasis.Total, Assert.Single(progress.Purchases).Basis);
        Assert.Equal(PurchaseCategory.ManufacturedGoods, pledge.Purchase.AnnexCategory);
    }

    [Fact]
    public async Task RecordPurchases_BasisUnset_IsRecordedAboveTheBaselineAsAmountsWereBefore()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await PledgeAsync(talks, Agriculture());

        // 27,303,827,703 - 20,969,792,856 = 6,334,034,847 bought above 2017, sent with no basis.
        var progress = await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought2020(6_334_034_847, PurchaseBasis.Unspecified) });

        // Bought: 20,969,792,856 + 6,334,034,847 = 27,303,827,703, / 33,469,792,856 = 81.58%; 6,334,034,847 / 12.5B = 50.67%.
        Assert.Equal(PurchaseBasis.AboveBaseline, Assert.Single(progress.Purchases).Basis);
        Assert.Equal((Usd(27_303_827_703), 81.6, Usd(6_334_034_847), 50.7), (progress.Purchased, progress.PurchasedPercent, progress.Fulfilled, progress.FulfilledPercent));
    }

    [Fact]
    public async Task RecordPurchases_TotalOnAPledgeWithAmountsAboveTheBaseline_IsFailedPrecondition()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await PledgeAsync(talks, Energy());
        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought2020(1_000_000_000, PurchaseBasis.AboveBaseline) });

        var error = await ErrorOf(client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought2020(8_797_696_034, PurchaseBasis.Total) }));

        Assert.Equal((StatusCode.FailedPrecondition, "PURCHASE_BASIS_MIXED"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(pledge.Name, Assert.Single(error.GetPreconditionFailure()!.Violations).Subject);
    }

    [Fact]
    public async Task GetPurchaseProgress_PhaseOneTotalsFor2020_PerCategoryAndForTheDeal()
    {
        var (talks, manufactured, agriculture, energy) = await PhaseOneAsync();
        foreach (var (pledge, value) in new[] { (manufactured, 52_298_007_318L), (agriculture, 27_303_827_703L), (energy, 8_797_696_034L) })
        {
            await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought2020(value, PurchaseBasis.Total) });
        }

        var progress = await client.GetPurchaseProgressAsync(new GetPurchaseProgressRequest { Name = talks.Name });

        // 2020 value / (2017 value + goal), and (2020 value - 2017 value) / goal:
        //   manufactured 52,298,007,318 / 83,051,478,524 = 62.97%; 2,146,528,794 / 32.9B = 6.52%
        //   agriculture  27,303,827,703 / 33,469,792,856 = 81.58%; 6,334,034,847 / 12.5B = 50.67%
        //   energy        8,797,696,034 / 26,149,222,398 = 33.64%; 1,148,473,636 / 18.5B =  6.21%
        Assert.Equal(
        [
            (PurchaseCategory.ManufacturedGoods, manufactured.Name, 63.0, 6.5),
            (PurchaseCategory.Agriculture, agriculture.Name, 81.6, 50.7),
            (PurchaseCategory.Energy, energy.Name, 33.6, 6.2),
        ], progress.Categories.Select(c => (c.Category, c.Commitments.Single(), c.PurchasedPercent, c.FulfilledPercent)));
        // The deal: baselines 50,151,478,524 + 20,969,792,856 + 7,649,222,398 = 78,770,493,778; goals 63.9B;
        // bought 88,399,531,055: 88,399,531,055 / 142,670,493,778 = 61.96%; 9,629,037,277 / 63.9B = 15.07%.
        var total = progress.Total;
        Assert.Equal((PurchaseCategory.Unspecified, 3), (total.Category, total.Commitments.Count));
        Assert.Equal((Usd(78_770_493_778), Usd(63_900_000_000), Usd(142_670_493_778)), (total.Baseline, total.Target, total.Goal));
        Assert.Equal((Usd(88_399_531_055), Usd(9_629_037_277), 62.0, 15.1), (total.Purchased, total.Fulfilled, total.PurchasedPercent, total.FulfilledPercent));
    }

    [Fact]
    public async Task GetPurchaseProgress_OfAYearWithoutPledges_IsEmptyAndOfAnUnknownNegotiationNotFound()
    {
        var (talks, _, _, _) = await PhaseOneAsync();

        var none = await client.GetPurchaseProgressAsync(new GetPurchaseProgressRequest { Name = talks.Name, Year = 2021 });
        var error = await ErrorOf(client.GetPurchaseProgressAsync(new GetPurchaseProgressRequest { Name = UnknownNegotiation }));

        Assert.Empty(none.Categories);
        Assert.Equal((Usd(0), 0.0), (none.Total.Purchased, none.Total.PurchasedPercent));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task RecordTradePurchases_SoybeansCrudeAircraftAndFurniture_GoToTheirPledgesOrAreNotCovered()
    {
        var (talks, manufactured, agriculture, energy) = await PhaseOneAsync();

        // Annex 6.1: 1201 soybeans and 1005 maize are "2. Agriculture", 2709 crude oil "3. Energy",
        // 8802 aircraft "1. Manufactured Goods"; 9403 furniture is not listed.
        var recorded = await client.RecordTradePurchasesAsync(Trade(talks,
            Line("1201", 14_000_000_000), Line("2709.00", 6_000_000_000), Line("8802", 1_500_000_000), Line("9403", 20_000_000), Line("1005", 1_200_000_000)));
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = agriculture.Name });

        Assert.Equal(
        [
            ("1201", PurchaseCategory.Agriculture, agriculture.Name),
            ("2709.00", PurchaseCategory.Energy, energy.Name),
            ("8802", PurchaseCategory.ManufacturedGoods, manufactured.Name),
            ("9403", PurchaseCategory.Unspecified, ""),
            ("1005", PurchaseCategory.Agriculture, agriculture.Name),
        ], recorded.Lines.Select(l => (l.HsCode, l.Category, l.Commitment)));
        Assert.Equal(Usd(20_000_000), recorded.NotCovered);
        Assert.Equal([manufactured.Name, agriculture.Name, energy.Name], recorded.Commitments.Select(c => c.Commitments.Single()));
        // Agriculture: 14,000,000,000 + 1,200,000,000 = 15,200,000,000 bought in all, 20,969,792,856 the baseline:
        // -5,769,792,856 above it, -46.2% of the 12.5B increase; 15.2B / 33,469,792,856 = 45.4% of the goal.
        Assert.Equal((Usd(15_200_000_000), Usd(-5_769_792_856), 45.4, -46.2),
            (progress.Purchased, progress.Fulfilled, progress.PurchasedPercent, progress.FulfilledPercent));
        Assert.Equal(progress.Purchased, recorded.Commitments[1].Purchased);
        Assert.Equal([("1201", PurchaseBasis.Total), ("1005", PurchaseBasis.Total)], progress.Purchases.Select(p => (p.HsCode, p.Basis)));
    }

    [Fact]
    public async Task RecordTradePurchases_CoveredLineWithoutAPledge_IsFailedPreconditionAndRecordsNothing()
    {
        var talks = await client.CreateUsChinaAsync();
        var energy = await PledgeAsync(talks, Energy());

        // 2709 finds the energy pledge; 1201 (agriculture) has none, so neither is recorded.
        var error = await ErrorOf(client.RecordTradePurchasesAsync(Trade(talks, Line("2709", 6_000_000_000), Line("1201", 14_000_000_000))));
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = energy.Name });

        Assert.Equal((StatusCode.FailedPrecondition, "NO_PURCHASE_COMMITMENT"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(("1201", "AGRICULTURE"), (error.GetErrorInfo()!.Metadata["hs_code"], error.GetErrorInfo()!.Metadata["category"]));
        Assert.Empty(progress.Purchases);
    }

    [Fact]
    public async Task RecordTradePurchases_RetriedWithItsRequestId_AnswersAsTheFirstTimeAndRecordsOnce()
    {
        var (talks, _, agriculture, _) = await PhaseOneAsync();
        var request = Trade(talks, Line("1201", 14_000_000_000), Line("9403", 20_000_000));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await client.RecordTradePurchasesAsync(request);
        var retried = await client.RecordTradePurchasesAsync(request);
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = agriculture.Name });

        Assert.Equal(first, retried);
        Assert.Single(progress.Purchases);
    }

    [Fact]
    public async Task RecordTradePurchases_CodeOfThreeDigits_IsInvalidArgumentNamingTheLine()
    {
        var (talks, _, _, _) = await PhaseOneAsync();

        var error = await ErrorOf(client.RecordTradePurchasesAsync(Trade(talks, Line("1201", 1), Line("120", 1))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["lines[1].hs_code"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordTradePurchases_TwoLinesOfOneHsCode_IsInvalidArgumentNamingTheSecondAndRecordsNothing()
    {
        var (talks, _, agriculture, energy) = await PhaseOneAsync();

        // 1201 twice would count $2B of soybeans; 2709.00 and 270900 are one code written two ways.
        var error = await ErrorOf(client.RecordTradePurchasesAsync(Trade(talks,
            Line("1201", 1_000_000_000), Line("1201", 1_000_000_000), Line("2709.00", 6_000_000_000), Line("270900", 6_000_000_000))));
        var soybeans = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = agriculture.Name });
        var crude = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = energy.Name });

        Assert.Equal((StatusCode.InvalidArgument, "DUPLICATE_HS_CODE"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(["lines[1].hs_code", "lines[3].hs_code"], error.GetInvalidFields());
        Assert.StartsWith("lines[1].hs_code: ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(soybeans.Purchases);
        Assert.Empty(crude.Purchases);
    }

    [Fact]
    public async Task RecordTradePurchases_ANegotiatorForTheUsRecordingChinasPurchases_IsPermissionDenied()
    {
        var (talks, _, _, _) = await PhaseOneAsync();
        var lighthizer = new NegotiationService.NegotiationServiceClient(fixture.Host.ChannelAs(TestAuthority.Token("lighthizer", ["negotiator"], "Office of the USTR", "US")));

        var error = await ErrorOf(lighthizer.RecordTradePurchasesAsync(Trade(talks, Line("1201", 1))));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task RecordCommitment_SecondAgriculturePledgeOverlapping_IsFailedPreconditionNamingTheFirst()
    {
        var talks = await client.CreateUsChinaAsync();
        var first = await PledgeAsync(talks, Agriculture());
        var overlapping = Agriculture();
        overlapping.Purchase.StartDate = Day(2020, 7, 1);
        overlapping.Purchase.EndDate = Day(2021, 6, 30);

        var error = await ErrorOf(client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = overlapping, InitialState = CommitmentState.Proposed }));
        var nextYear = await PledgeAsync(talks, Pledge(PurchaseCategory.Agriculture, 20_969_792_856, 19_500_000_000, 2021));

        Assert.Equal((StatusCode.FailedPrecondition, "PURCHASE_PERIOD_OVERLAPS"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(first.Name, Assert.Single(error.GetPreconditionFailure()!.Violations).Subject);
        Assert.Equal($"{talks.Name}/commitments/2", nextYear.Name);
    }
}
