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
