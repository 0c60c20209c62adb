using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class SampleTalksTests
{
    [Fact]
    public async Task FirstStart_WithTheBundledSample_HoldsTheTalksOfJuly2019()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build,
            new Dictionary<string, string> { ["Sample:File"] = "data/negotiation/us-china-2018-2019.json" });
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);

        var talks = Assert.Single((await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations);
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
        Assert.Single(afterRestart.Negotiations);
    }

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
            Assert.Single(all.Negotiations);
        }
    }
}
