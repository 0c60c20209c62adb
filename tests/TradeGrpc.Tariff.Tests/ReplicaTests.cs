using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Two replicas of the tariff service on one store and one Redis.</summary>
public sealed class ReplicaTests
{
    private static readonly QuoteDutyRequest FurnitureFromChina = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));

    private static readonly SuspendMeasureRequest SuspendList3 = new() { Name = "measures/us-301-list-3", EffectiveDate = Day(2019, 6, 1) };

    private static Dictionary<string, string> Settings(TempDirectory store, RedisServer redis) => new()
    {
        ["Storage:DataDirectory"] = store.Path,
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
    };

    private static async Task<int> CountExclusionsAsync(MeasureService.MeasureServiceClient measures)
    {
        var count = 0;
        var request = new ListExclusionsRequest { PageSize = 1000 };
        do
        {
            var page = await measures.ListExclusionsAsync(request);
            count += page.Exclusions.Count;
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return count;
    }

    private static Task<bool> InStepAsync(ServiceHost host) => Task.FromResult(host.Services.GetRequiredService<ReplicaBus>().InStep);

    /// <summary>Waits until <paramref name="host"/> is in step (or out of step, <paramref name="inStep"/> false).</summary>
    private static async Task UntilAsync(ServiceHost host, bool inStep) =>
        await Eventually.PollAsync(() => InStepAsync(host), now => now == inStep, TimeSpan.FromSeconds(5));

    /// <summary>A WatchMeasureChanges stream on <paramref name="host"/>, once the server has taken it.</summary>
    private static async Task<AsyncServerStreamingCall<MeasureEvent>> WatchAsync(ServiceHost host)
    {
        var watch = new MeasureService.MeasureServiceClient(host.Channel).WatchMeasureChanges(new WatchMeasureChangesRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        await watch.ResponseHeadersAsync;
        return watch;
    }

    [Fact]
    public async Task MeasureChangedOnOneReplica_ChangesQuotesAndWatchesOnTheOther()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var measuresA = new MeasureService.MeasureServiceClient(a.Channel);
        var clientB = new TariffService.TariffServiceClient(b.Channel);
        var before = await clientB.QuoteDutyAsync(FurnitureFromChina);
        using var watch = await WatchAsync(b);

        await measuresA.SuspendMeasureAsync(SuspendList3);
        var after = await Eventually.PollAsync(() => clientB.QuoteDutyAsync(FurnitureFromChina).ResponseAsync,
            q => q.TotalDuty.Dollars() == 0m, TimeSpan.FromSeconds(5));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(2500m, before.TotalDuty.Dollars());
        Assert.Equal(0m, after.TotalDuty.Dollars());
        Assert.Equal((MeasureEventKind.Suspended, "measures/us-301-list-3"), (watch.ResponseStream.Current.Kind, watch.ResponseStream.Current.Measure.Name));
    }

    [Fact]
    public async Task WithRedisAway_AMeasureChangedOnOneReplicaReachesTheOthersQuotesAtOnceAndItsWatchers()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var measuresA = new MeasureService.MeasureServiceClient(a.Channel);
        var clientB = new TariffService.TariffServiceClient(b.Channel);
        await UntilAsync(b, inStep: true);
        using var watch = await WatchAsync(b);

        await redis.StopAsync();
        await UntilAsync(b, inStep: false);
        await measuresA.SuspendMeasureAsync(SuspendList3);
        var quote = await clientB.QuoteDutyAsync(FurnitureFromChina);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.Equal((MeasureEventKind.Suspended, "measures/us-301-list-3"), (watch.ResponseStream.Current.Kind, watch.ResponseStream.Current.Measure.Name));
    }

    [Fact]
    public async Task MeasureChangedWhileRedisWasAway_ReachesTheOtherReplicasWatchersWhenRedisReturns()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        // No look at the store while Redis is away: the change must come with the resync when it returns.
        var settingsB = Settings(store, redis);
        settingsB["Replicas:OutOfStepPollInterval"] = "01:00:00";
        settingsB["Replicas:InStepPollInterval"] = "01:00:00";
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, settingsB);
        await UntilAsync(b, inStep: true);
        using var watch = await WatchAsync(b);

        await redis.StopAsync();
        await UntilAsync(b, inStep: false);
        await new MeasureService.MeasureServiceClient(a.Channel).WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/us-301-list-4b" });
        await redis.StartAgainAsync();

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal((MeasureEventKind.Withdrawn, "measures/us-301-list-4b"), (watch.ResponseStream.Current.Kind, watch.ResponseStream.Current.Measure.Name));
    }

    [Fact]
    public async Task ChangeMadeOnAReplicaCutOffFromRedis_ReachesTheOtherWhenItReconnects()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var relay = new TcpRelay(redis.Port);
        var settingsA = Settings(store, redis);
        settingsA["ConnectionStrings:Redis"] = $"127.0.0.1:{relay.Port}";
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, settingsA);
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var clientB = new TariffService.TariffServiceClient(b.Channel);
        await UntilAsync(a, inStep: true);
        await UntilAsync(b, inStep: true);

        // Only A loses Redis: B stays in step and cannot know that A's news is not coming.
        relay.Cut();
        await UntilAsync(a, inStep: false);
        await new MeasureService.MeasureServiceClient(a.Channel).SuspendMeasureAsync(SuspendList3);
        relay.Restore();
        var quote = await Eventually.PollAsync(() => clientB.QuoteDutyAsync(FurnitureFromChina).ResponseAsync,
            q => q.TotalDuty.Dollars() == 0m, TimeSpan.FromSeconds(15));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
    }

    /// <summary>
    /// A writer whose news never leaves it, as when it dies between its commit and its message: it
    /// reaches Redis through a relay that is cut once it is in step, and B, in step all along,
    /// has no message to wait for.
    /// </summary>
    private static async Task<(ServiceHost Writer, TcpRelay Relay)> SilentWriterAsync(TempDirectory store, RedisServer redis)
    {
        var relay = new TcpRelay(redis.Port);
        var settings = Settings(store, redis);
        settings["ConnectionStrings:Redis"] = $"127.0.0.1:{relay.Port}";
        var writer = await ServiceHost.StartAsync(TariffApp.Build, settings);
        await UntilAsync(writer, inStep: true);
        relay.Cut();
        await UntilAsync(writer, inStep: false);
        return (writer, relay);
    }

    /// <summary>
    /// Makes a change through a writer that dies before telling anyone, then polls replica B (in
    /// step all along) until <paramref name="done"/> holds of what <paramref name="read"/> returns.
    /// </summary>
    private static async Task<T> SeenAfterASilentWriteAsync<T>(
        Func<ServiceHost, Task> write, Func<TariffService.TariffServiceClient, Task<T>> read, Func<T, bool> done)
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var (a, relay) = await SilentWriterAsync(store, redis);
        await using (relay)
        {
            await using (a)
            {
                await write(a);
            }

            var clientB = new TariffService.TariffServiceClient(b.Channel);
            return await Eventually.PollAsync(() => read(clientB), done, TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task MeasureChangedByAWriterThatDiesBeforeTellingAnyone_ReachesTheOtherReplicaFromTheStore()
    {
        var quote = await SeenAfterASilentWriteAsync(
            a => new MeasureService.MeasureServiceClient(a.Channel).SuspendMeasureAsync(SuspendList3).ResponseAsync,
            b => b.QuoteDutyAsync(FurnitureFromChina).ResponseAsync, q => q.TotalDuty.Dollars() == 0m);

        Assert.Equal(0m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task ScheduleImportedByAWriterThatDiesBeforeTellingAnyone_IsTheOthersSchedule()
    {
        var line = await SeenAfterASilentWriteAsync(
            a => ImportApiTests.ImportAsync(new TariffService.TariffServiceClient(a.Channel),
                ImportApiTests.Header + "90281000,Gas meters,NO,,17 cents each + 2.5%,$4.50 each + 65%,1/1/2030,12/31/2050\n", 1024),
            b => b.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }).ResponseAsync,
            l => l.MfnRateText == "17 cents each + 2.5%");

        Assert.Equal("17 cents each + 2.5%", line.MfnRateText);
    }

    [Fact]
    public async Task GetExclusionAndGetMeasure_MadeOnAnotherReplicaJustNow_AreReadFromTheStoreNotNotFound()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        // B looks at the store only when asked for something it does not hold.
        var settingsB = Settings(store, redis);
        settingsB["Replicas:InStepPollInterval"] = "01:00:00";
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, settingsB);
        var (a, relay) = await SilentWriterAsync(store, redis);
        await using (relay)
        await using (a)
        {
            var onA = new MeasureService.MeasureServiceClient(a.Channel);
            var onB = new MeasureService.MeasureServiceClient(b.Channel);
            var requested = await onA.RequestExclusionAsync(new RequestExclusionRequest
            {
                Exclusion = new Exclusion { Measure = "measures/us-301-list-1", HtsCode = "8411.99.10", Requester = "Acme Imports", ProductDescription = "Parts" },
            });
            var created = await onA.CreateMeasureAsync(new CreateMeasureRequest
            {
                MeasureId = "horses-elsewhere",
                Measure = new Measure
                {
                    Title = "Tariff on Mexican horses", LegalBasis = LegalBasis.Section232, ImportingCountry = "US", OriginCountries = { "MX" },
                    Heading = "9903.99.01", Scope = { new ProductScope { Code = "01012100" } },
                    Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
                },
            });

            var exclusion = await onB.GetExclusionAsync(new GetExclusionRequest { Name = requested.Name });
            var measure = await onB.GetMeasureAsync(new GetMeasureRequest { Name = created.Name, View = MeasureView.Basic });

            Assert.Equal((requested.Name, ExclusionState.Pending), (exclusion.Name, exclusion.State));
            Assert.Equal((created.Name, "Tariff on Mexican horses"), (measure.Name, measure.Title));
        }
    }

    [Fact]
    public async Task ChangesMadeWhileAReplicaStarts_AllReachIt()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var clientA = new MeasureService.MeasureServiceClient(a.Channel);
        using var stop = new CancellationTokenSource();
        // Eight callers keep A's store changing, so that some changes fall in the moment between B loading its book and B listening.
        var requests = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await clientA.RequestExclusionAsync(new RequestExclusionRequest
                {
                    Exclusion = new Exclusion { Measure = "measures/us-301-list-1", HtsCode = "8411.99.10", Requester = "Acme Imports", ProductDescription = "Parts" },
                });
            }
        })));

        var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        await using (b)
        {
            await Task.Delay(200);
            await stop.CancelAsync();
            await requests;
            var onA = await CountExclusionsAsync(clientA);
            var onB = await Eventually.PollAsync(() => CountExclusionsAsync(new MeasureService.MeasureServiceClient(b.Channel)),
                count => count == onA, TimeSpan.FromSeconds(5));

            Assert.Equal(onA, onB);
        }
    }

    [Fact]
    public async Task AMeasureChangeHeardLate_DoesNotUndoALaterOneNorReachWatchers()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var measures = new MeasureService.MeasureServiceClient(host.Channel);
        var news = host.Services.GetRequiredService<BookNews>();
        var before = host.Services.GetRequiredService<TariffBook>().Current.Measures.Measures[MeasureRecord.IdOf(SuspendList3.Name)];
        await measures.SuspendMeasureAsync(SuspendList3);
        using var watch = await WatchAsync(host);

        // News of version 1 arriving after version 2 was applied, as from a catch-up that read the store before the suspension.
        news.Apply(new MeasureChange(MeasureChangeKind.Updated, before, DateTimeOffset.UtcNow));
        var quote = await client.QuoteDutyAsync(FurnitureFromChina);
        var measure = await measures.GetMeasureAsync(new GetMeasureRequest { Name = SuspendList3.Name, View = MeasureView.Basic });
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/us-301-list-4b" });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.Equal("\"2\"", measure.Etag);
        Assert.Equal("measures/us-301-list-4b", watch.ResponseStream.Current.Measure.Name);
    }

    [Fact]
    public async Task ScheduleImportedOnOneReplica_IsTheOthersSchedule()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var clientB = new TariffService.TariffServiceClient(b.Channel);
        var before = await clientB.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });

        await ImportApiTests.ImportAsync(new TariffService.TariffServiceClient(a.Channel),
            ImportApiTests.Header + "90281000,Gas meters,NO,,17 cents each + 2.5%,$4.50 each + 65%,1/1/2030,12/31/2050\n", 1024);
        var after = await Eventually.PollAsync(() => clientB.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }).ResponseAsync,
            line => line.MfnRateText != before.MfnRateText, TimeSpan.FromSeconds(10));

        Assert.Equal("17 cents each + 2.5%", after.MfnRateText);
    }

    [Fact]
    public async Task PageTokenFromOneReplica_ReadsTheNextPageOnTheOther()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(TariffApp.Build, Settings(store, redis));
        var request = new ListTariffLinesRequest { CodePrefix = "9028.", PageSize = 2 };

        var first = await new TariffService.TariffServiceClient(a.Channel).ListTariffLinesAsync(request);
        request.PageToken = first.NextPageToken;
        var second = await new TariffService.TariffServiceClient(b.Channel).ListTariffLinesAsync(request);

        // The schedule's four gas, liquid and electricity meters (9028.10.00 to 9028.90.00), two on each page.
        Assert.Equal(["90281000", "90282000", "90283000", "90289000"], first.TariffLines.Concat(second.TariffLines).Select(l => l.Hts8));
    }
}
