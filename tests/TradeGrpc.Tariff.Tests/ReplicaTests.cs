using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Two replicas of the tariff service on one store and one Redis.</summary>
public sealed class ReplicaTests
{
    [Fact]
    public async Task MeasureChangedOnOneReplica_ChangesQuotesAndWatchesOnTheOther()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = store.Path,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        };
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, settings);
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, settings);
        var clientA = new TariffService.TariffServiceClient(a.Channel);
        var clientB = new TariffService.TariffServiceClient(b.Channel);
        var entry = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));
        var before = await clientB.QuoteDutyAsync(entry);
        using var watch = clientB.WatchMeasureChanges(new WatchMeasureChangesRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        await watch.ResponseHeadersAsync;

        await clientA.SuspendMeasureAsync(new SuspendMeasureRequest { Name = "measures/us-301-list-3", EffectiveDate = Day(2019, 6, 1) });
        var after = await Eventually.PollAsync(() => clientB.QuoteDutyAsync(entry).ResponseAsync,
            q => q.TotalDuty.Dollars() == 0m, TimeSpan.FromSeconds(5));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(2500m, before.TotalDuty.Dollars());
        Assert.Equal(0m, after.TotalDuty.Dollars());
        Assert.Equal((MeasureEventKind.Suspended, "measures/us-301-list-3"), (watch.ResponseStream.Current.Kind, watch.ResponseStream.Current.Measure.Name));
    }
}
