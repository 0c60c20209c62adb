using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests;

public sealed class SampleTalksTests
{
    [Fact]
    public async Task FirstStart_WithTheBundledSample_HoldsTheTalksOfJuly2019First()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build,
            new Dictionary<string, string> { ["Sample:File"] = "data/negotiation/us-china-2018-2019.json" });
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);

        var talks = (await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations[0];
        var rounds = (await client.ListRoundsAsync(new ListRoundsRequest { Parent = talks.Name })).Rounds;
        var earlyMay = await client.GetDraftVersionAsync(new GetDraftVersionRequest { Name = $"{talks.Name}/drafts/1" });
        var purchases = (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = talks.Name })).Commitments[0];
        await host.RestartAsync();
        var afterRestart = await new NegotiationService.NegotiationServiceClient(host.Channel).ListNegotiationsAsync(new ListNegotiationsRequest());

        Assert.Equal(NegotiationState.Resumed, talks.State);
        Assert.Equal(["US", "CN"], talks.Parties);
        Assert.Equal(11, rounds.Count);
        Assert.Equal((RoundOutcome.Impasse, "Washington"), (rounds[8].Outcome, rounds[8].VenueCity));
        Assert.Equal((RoundState.Scheduled, "Shanghai"), (rounds[10].State, rounds[10].VenueCity));
        Assert.Equal(90.0, earlyMay.Progress.AgreedPercent);
        Assert.Equal((CommitmentKind.Purchase, CommitmentState.Indicated), (purchases.Kind, purchases.State));
        Assert.Equal(2, afterRestart.Negotiations.Count);
    }

    /// <summary>
    /// The Phase One talks after the July ones: rounds in Washington in September and October 2019
    /// and the signing of 2020-01-15, which concluded them, the six tariff changes carried out, and
    /// China's purchase pledges for 2020 and 2021 with the 2020 purchases.
    /// The book holds those changes as history already, so carrying them out changes no measure; the
    /// deal impact of the signed text takes them back to price the deal against the book before it.
    /// </summary>
    [Fact]
    public async Task FirstStart_WithTheBundledSample_HoldsPhaseOneWithItsConcessionsCarriedOutAndPriced()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        var list4A = await new MeasureService.MeasureServiceClient(tariffHost.Channel).GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4a" });
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build,
            new Dictionary<string, string>(TariffIntegrationTests.NegotiationSettings(tariffHost.SecureAddress.Port)) { ["Sample:File"] = "data/negotiation/us-china-2018-2019.json" });
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var phaseOne = (await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations[1];
        var rounds = (await client.ListRoundsAsync(new ListRoundsRequest { Parent = phaseOne.Name })).Rounds;
        var concessions = await Eventually.PollAsync(
            async () => (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = phaseOne.Name })).Commitments.Where(c => c.Kind == CommitmentKind.TariffConcession).ToList(),
            all => all.All(c => c.Delivery.State == DeliveryState.Delivered), TimeSpan.FromSeconds(30));
        var list4AAfter = await new MeasureService.MeasureServiceClient(tariffHost.Channel).GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4a" });

        // Of China, entered 2020-03-01, all free under MFN: books (4901.99.00.10, list 4A) for $1,000, a
        // laptop (8471.30.01, list 4B) for $2,000 and furniture (9403.60.80, list 3) for $10,000. Before
        // the deal: 15% + 15% + (25% + the 5-point rise) = $150 + $300 + $3,000 = $3,450. After: 4A at
        // 7.5%, 4B and the rise suspended: $75 + $0 + $2,500 = $2,575.
        var us = await client.GetDealImpactAsync(new GetDealImpactRequest
        {
            Name = phaseOne.Name, DraftVersion = 1, ImportingCountry = "US", EntryDate = Day(2020, 3, 1),
            Lines = { BasketLine("4901.99.00.10", "CN", 1_000), BasketLine("8471.30.01", "CN", 2_000), BasketLine("9403.60.80", "CN", 10_000) },
        });
        // US soybeans (1201.90) for $10,000 into China on 2020-03-01: 3% base + 25% + the tranche's 5% = $3,300
        // before; the tranche halved to 2.5% leaves $3,050.
        var cn = await client.GetDealImpactAsync(new GetDealImpactRequest
        {
            Name = phaseOne.Name, DraftVersion = 1, ImportingCountry = "CN", EntryDate = Day(2020, 3, 1), Lines = { BasketLine("1201.90", "US", 10_000) },
        });
        var purchases = await client.GetPurchaseProgressAsync(new GetPurchaseProgressRequest { Name = phaseOne.Name, Year = 2020 });

        Assert.Equal((NegotiationState.Concluded, "US-China Phase One talks"), (phaseOne.State, phaseOne.Title));
        Assert.Equal([("Washington", RoundOutcome.Progress), ("Washington", RoundOutcome.Progress), ("Washington", RoundOutcome.AgreementInPrinciple)],
            rounds.Select(r => (r.VenueCity, r.Outcome)));
        Assert.Equal(6, concessions.Count);
        Assert.Equal(list4A.Etag, list4AAfter.Etag);
        Assert.Equal((3_450L, 2_575L), (us.DutyBefore.Units, us.DutyAfter.Units));
        Assert.Equal((3_300L, 3_050L), (cn.DutyBefore.Units, cn.DutyAfter.Units));
        // 2020 from goals_by_category.csv, bought / (2017 baseline + commitment) and (bought - baseline) / commitment:
        // manufactured 52.298 / (50.151 + 32.9) = 63.0%, 2.147 / 32.9 = 6.5%; agriculture 27.304 / (20.970 + 12.5)
        // = 81.6%, 6.334 / 12.5 = 50.7%; energy 8.798 / (7.649 + 18.5) = 33.6%, 1.148 / 18.5 = 6.2%; the deal
        // 88.400 / (78.770 + 63.9) = 62.0%, 9.629 / 63.9 = 15.1% (billions of dollars).
        Assert.Equal([(PurchaseCategory.ManufacturedGoods, 63.0, 6.5), (PurchaseCategory.Agriculture, 81.6, 50.7), (PurchaseCategory.Energy, 33.6, 6.2)],
            purchases.Categories.Select(c => (c.Category, c.PurchasedPercent, c.FulfilledPercent)));
        Assert.Equal((62.0, 15.1), (purchases.Total.PurchasedPercent, purchases.Total.FulfilledPercent));
        Assert.Equal([("5", "0"), ("15", "0"), ("15", "7.5")], us.Concessions.Where(c => c.Measure.StartsWith("measures/us-", StringComparison.Ordinal))
            .Select(c => (c.RateBefore.Value, c.RateAfter.Value)));
    }

    private static QuoteLine BasketLine(string code, string origin, long value) => new()
    {
        HtsCode = code, OriginCountry = origin, CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = value },
    };

    [Fact]
    public async Task FirstStart_WithPhaseOnePledgesPurchasesAndTradeLines_HoldsTheirProgress()
    {
        // Phase One's 2020 manufactured goods and agriculture pledges (goals_by_category.csv), the
        // manufactured 2020 value as the year's total, and soybeans (1201) as a trade figure.
        var script = Path.Combine(Path.GetTempPath(), $"phase-one-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(script, """
            {"steps": [
              {"createNegotiation": {"title": "US-China trade talks", "parties": ["US", "CN"]}},
              {"recordCommitment": {"negotiation": "{negotiation}", "terms": {"party": "CN", "type": "Purchase", "status": "Official",
                "description": "Manufactured goods above 2017 in 2020.", "purchase": {"category": "manufactured goods", "annexCategory": "ManufacturedGoods",
                "periodStart": "2020-01-01", "periodEnd": "2020-12-31", "baselineUsd": 50151478524, "targetUsd": 32900000000}}}},
              {"recordPurchases": {"name": "{negotiation}/commitments/1", "purchase": {"periodStart": "2020-01-01", "periodEnd": "2020-12-31",
                "amountUsd": 52298007318, "source": "PIIE, 2020 value", "basis": "Total"}}},
              {"recordCommitment": {"negotiation": "{negotiation}", "terms": {"party": "CN", "type": "Purchase", "status": "Official",
                "description": "Agriculture above 2017 in 2020.", "purchase": {"category": "agriculture", "annexCategory": "Agriculture",
                "periodStart": "2020-01-01", "periodEnd": "2020-12-31", "baselineUsd": 20969792856, "targetUsd": 12500000000}}}},
              {"recordTradePurchases": {"negotiation": "{negotiation}", "party": "CN", "periodStart": "2020-01-01", "periodEnd": "2020-12-31",
                "lines": [{"hsCode": "1201", "amountUsd": 14000000000}, {"hsCode": "9403", "amountUsd": 20000000}], "source": "US exports to China, 2020"}}
            ]}
            """);
        try
        {
            await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string> { ["Sample:File"] = script });
            var client = new NegotiationService.NegotiationServiceClient(host.Channel);
            var talks = Assert.Single((await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations);

            var progress = await client.GetPurchaseProgressAsync(new GetPurchaseProgressRequest { Name = talks.Name, Year = 2020 });

            // Manufactured: 52,298,007,318 / 83,051,478,524 = 62.97%, 2,146,528,794 / 32.9B = 6.52%;
            // agriculture: 14B / 33,469,792,856 = 41.83%, (14B - 20,969,792,856) / 12.5B = -55.76%.
            Assert.Equal([(PurchaseCategory.ManufacturedGoods, 63.0, 6.5), (PurchaseCategory.Agriculture, 41.8, -55.8)],
                progress.Categories.Select(c => (c.Category, c.PurchasedPercent, c.FulfilledPercent)));
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task TwoReplicasFirstStartingTogether_ReplayTheSampleOnce(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        store.Settings["Sample:File"] = "data/negotiation/us-china-2018-2019.json";
        var a = new ServiceHost(NegotiationApp.Build, store.Settings);
        var b = new ServiceHost(NegotiationApp.Build, store.Settings);
        await using (a)
        await using (b)
        {
            // On threads of their own: a start may run synchronously for a while (SQLite's calls do).
            await Task.WhenAll(Task.Run(a.StartAsync), Task.Run(b.StartAsync));

            var all = await new NegotiationService.NegotiationServiceClient(b.Channel).ListNegotiationsAsync(new ListNegotiationsRequest());
            // The July 2019 talks and the Phase One talks, each once.
            Assert.Equal(["US-China trade talks", "US-China Phase One talks"], all.Negotiations.Select(n => n.Title));
        }
    }
}
