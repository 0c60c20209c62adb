using Grpc.Core;
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
