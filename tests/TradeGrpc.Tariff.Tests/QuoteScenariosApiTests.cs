using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Furniture of China (9403.60.80, free under MFN) entered on 2019-07-01 owes list 3's 25%:
/// $2,500 on $10,000. List 3 covers about $200 billion of trade (USTR's announcement).
/// </summary>
public sealed class QuoteScenariosApiTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private const string List3 = "measures/us-301-list-3";

    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private static QuoteScenario Scenario(string id, params WhatIfChange[] changes) => new() { ScenarioId = id, Changes = { changes } };

    private static WhatIfChange SetList3(string percent, Google.Type.Date? from = null) =>
        new() { Measure = List3, SetRatePercent = new Google.Type.Decimal { Value = percent }, EffectiveDate = from };

    private static QuoteScenariosRequest FurnitureUnder(params QuoteScenario[] scenarios) => new()
    {
        ImportingCountry = "US", EntryDate = Day(2019, 7, 1), Lines = { Line("9403.60.80", "CN", 10_000) }, Scenarios = { scenarios },
    };

    [Fact]
    public async Task QuoteScenarios_SeveralChangesToListThree_PricesEachAgainstTheBaselineWithTheMeasuresRates()
    {
        var request = FurnitureUnder(
            Scenario("suspended", new WhatIfChange { Measure = List3, Suspend = true }),
            Scenario("halved", SetList3("12.5")),
            Scenario("cut to 10% from August", SetList3("10", Day(2019, 8, 1))),
            Scenario("as it is"));

        var priced = await client.QuoteScenariosAsync(request);

        Assert.Equal(2500m, priced.BaselineDuty.Dollars());
        Assert.Equal(["suspended", "halved", "cut to 10% from August", "as it is"], priced.Scenarios.Select(s => s.ScenarioId));
        Assert.Equal([0m, 1250m, 2500m, 2500m], priced.Scenarios.Select(s => s.TotalDuty.Dollars()));
        Assert.Equal([("25", "0"), ("25", "12.5"), ("25", "25")], priced.Scenarios.Take(3).Select(s => (Assert.Single(s.Measures).RateBefore.Value, s.Measures[0].RateAfter.Value)));
        Assert.All(priced.Scenarios.Take(3), s => Assert.Equal((List3, 200_000_000_000m), (s.Measures[0].Measure, s.Measures[0].TradeValue.Dollars())));
        Assert.Empty(priced.Scenarios[3].Measures);
    }

    [Fact]
    public async Task QuoteScenarios_EachScenario_CostsWhatQuoteDutyWithItsChangesCosts()
    {
        var scenarios = new[] { Scenario("halved", SetList3("12.5")), Scenario("suspended", new WhatIfChange { Measure = List3, Suspend = true }) };

        var priced = await client.QuoteScenariosAsync(FurnitureUnder(scenarios));
        var quoted = new List<decimal>();
        foreach (var scenario in scenarios)
        {
            var alone = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));
            alone.WhatIf.Add(scenario.Changes);
            quoted.Add((await client.QuoteDutyAsync(alone)).TotalDuty.Dollars());
        }

        Assert.Equal(quoted, priced.Scenarios.Select(s => s.TotalDuty.Dollars()));
    }

    /// <summary>
    /// The book holds Phase One already: list 4A at 7.5% from 2020-02-14 (15% before), list 4B
    /// suspended from 2019-12-15, the day its 15% was to start. Books of China (4901.99.00.10, list
    /// 4A, free under MFN) for $1,000 and a laptop (8471.30.01, list 4B, free) for $2,000, entered
    /// 2020-03-01. With both changes taken back the baseline owes 15% on each: $150 + $300 = $450;
    /// the cut alone leaves $75 + $300 = $375, the suspension alone $150 + $0 = $150, both $75,
    /// which is what the book as it stands owes.
    /// </summary>
    [Fact]
    public async Task QuoteScenarios_BaselineWithTheBooksPhaseOneChangesUndone_PricesTheDealAgainstTheBookBeforeIt()
    {
        var cut4A = new WhatIfChange { Measure = "measures/us-301-list-4a", SetRatePercent = new Google.Type.Decimal { Value = "7.5" }, EffectiveDate = Day(2020, 2, 14) };
        var suspend4B = new WhatIfChange { Measure = "measures/us-301-list-4b", Suspend = true, EffectiveDate = Day(2019, 12, 15) };
        var request = new QuoteScenariosRequest
        {
            ImportingCountry = "US",
            EntryDate = Day(2020, 3, 1),
            Lines = { Line("4901.99.00.10", "CN", 1_000), Line("8471.30.01", "CN", 2_000) },
            Scenarios = { Scenario("4A cut", cut4A), Scenario("4B suspended", suspend4B), Scenario("both", cut4A, suspend4B) },
        };
        var asItStands = await client.QuoteScenariosAsync(request);
        request.BaselineChanges.Add([Undone(cut4A), Undone(suspend4B)]);

        var priced = await client.QuoteScenariosAsync(request);

        Assert.Equal(75m, asItStands.BaselineDuty.Dollars());
        Assert.Equal(450m, priced.BaselineDuty.Dollars());
        Assert.Equal([375m, 150m, 75m], priced.Scenarios.Select(s => s.TotalDuty.Dollars()));
        Assert.Equal([("15", "7.5"), ("15", "0")], priced.Scenarios.Take(2).Select(s => (Assert.Single(s.Measures).RateBefore.Value, s.Measures[0].RateAfter.Value)));
    }

    [Fact]
    public async Task QuoteScenarios_UndoOfAChangeTheBookDoesNotHold_ChangesNothing()
    {
        // List 3 was never suspended, nor set to 10% on 2019-06-01: the furniture owes its 25%, $2,500.
        var request = FurnitureUnder(Scenario("as it is"));
        request.BaselineChanges.Add([Undone(new WhatIfChange { Measure = List3, Suspend = true, EffectiveDate = Day(2019, 6, 1) }), Undone(SetList3("10", Day(2019, 6, 1)))]);

        var priced = await client.QuoteScenariosAsync(request);

        Assert.Equal((2500m, 2500m), (priced.BaselineDuty.Dollars(), priced.Scenarios[0].TotalDuty.Dollars()));
    }

    [Fact]
    public async Task QuoteScenarios_UndoWithoutItsDate_IsInvalidNamingTheField()
    {
        var request = FurnitureUnder(Scenario("as it is"));
        request.BaselineChanges.Add(Undone(SetList3("10")));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteScenariosAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("baseline_changes[0].effective_date", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
    }

    private static WhatIfChange Undone(WhatIfChange change)
    {
        var undone = change.Clone();
        undone.Undo = true;
        return undone;
    }

    [Fact]
    public async Task QuoteScenarios_AThousandAndOne_PricesThemAllInOneCall()
    {
        // Scenario i sets list 3 to i % 26 percent: $100 of duty per point on $10,000.
        var scenarios = Enumerable.Range(0, 1001).Select(i => Scenario($"at {i % 26}%", SetList3((i % 26).ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();

        var priced = await client.QuoteScenariosAsync(FurnitureUnder(scenarios));

        Assert.Equal(1001, priced.Scenarios.Count);
        Assert.Equal(Enumerable.Range(0, 1001).Select(i => i % 26 * 100m), priced.Scenarios.Select(s => s.TotalDuty.Dollars()));
    }

    [Fact]
    public async Task QuoteScenarios_UnknownMeasure_IsNotFoundAsInAQuote()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.QuoteScenariosAsync(FurnitureUnder(Scenario("no such", new WhatIfChange { Measure = "measures/us-301-list-9", Suspend = true }))).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
