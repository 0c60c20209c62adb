using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>
/// How many reads of the store the watches of one negotiation make for one event, on each store.
/// A host of its own, whose quiet watches do not read the store again while the test counts.
/// </summary>
public sealed class SharedTimelineReadTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task WatchNegotiation_WatchersWokenByOneEvent_ShareOneReadOfTheStore(StoreProvider provider)
    {
        // Below the per-caller cap of 16 watches. Each read one page of the store for each event,
        // which at a thousand watchers took the store's connection pool down.
        const int Watchers = 12;
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build,
            new Dictionary<string, string>(store.Settings) { ["Sample:File"] = "", ["Replicas:QuietPollInterval"] = "01:00:00" });
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await client.CreateUsChinaAsync();
        var created = Assert.Single((await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name })).Events);
        var watches = Enumerable.Range(0, Watchers).Select(_ => client.WatchNegotiation(
            new WatchNegotiationRequest { Name = talks.Name, AfterSequence = created.Sequence - 1 }, deadline: WatchDeadline())).ToList();
        try
        {
            // Each watch has read the store once on its own and waits for news.
            await Task.WhenAll(watches.Select(w => ReadAsync(w.ResponseStream, 1)));
            using var reads = HostCounter.TimelineReads(host);

            var issue = await client.RaiseAsync(talks, "Watched by many");
            var delivered = await Task.WhenAll(watches.Select(w => ReadAsync(w.ResponseStream, 1)));

            Assert.All(delivered, events => Assert.Equal(issue.Name, Assert.Single(events).Subject));
            Assert.InRange(reads.Count, 1, Watchers / 4);
        }
        finally
        {
            watches.ForEach(w => w.Dispose());
        }
    }
}
