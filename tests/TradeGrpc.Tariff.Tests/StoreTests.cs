using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Client;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

public sealed class StoreTests
{
    [Fact]
    public async Task OpenAsync_Sqlite_SyncsEveryCommitToDisk()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        await using var connection = await host.Services.GetRequiredService<Storage.Database>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        // 2 is FULL: a commit acknowledged to a caller survives a power cut, not only a crash of the process.
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task HealthCheck_StoreFilesGone_IsNotServingForEveryName()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var health = new Health.HealthClient(host.Channel);

        DeleteStore(host);

        // Health answers from a probe at most a second old: the store's loss shows within it.
        foreach (var service in new[] { "", "trade.tariff.v1.TariffService" })
        {
            var response = await Eventually.PollAsync(() => health.CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync,
                r => r.Status == HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(5));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, response.Status);
        }
    }

    [Fact]
    public async Task HealthCheck_StoreFilesGone_LivenessStaysServing()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var health = new Health.HealthClient(host.Channel);

        DeleteStore(host);
        var overall = await Eventually.PollAsync(() => health.CheckAsync(new HealthCheckRequest()).ResponseAsync,
            r => r.Status == HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(5));
        var liveness = await health.CheckAsync(new HealthCheckRequest { Service = Hosting.HostingDefaults.LivenessService });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, overall.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, liveness.Status);
    }

    [Fact]
    public async Task HealthCheck_PostgresServerStopped_IsNotServingForEveryName()
    {
        await using var store = await TestStore.StartAsync(StoreProvider.PostgreSql, "Tariff");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
        var health = new Health.HealthClient(host.Channel);

        await store.Server!.StopAsync();
        var statuses = new List<HealthCheckResponse.Types.ServingStatus>();
        foreach (var service in new[] { "", "trade.tariff.v1.TariffService" })
        {
            var response = await Eventually.PollAsync(() => health.CheckAsync(new HealthCheckRequest { Service = service }).ResponseAsync,
                r => r.Status == HealthCheckResponse.Types.ServingStatus.NotServing, TimeSpan.FromSeconds(10));
            statuses.Add(response.Status);
        }

        // Started again, so that disposing the store can stop it.
        await store.Server.StartAgainAsync();
        Assert.All(statuses, status => Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, status));
    }

    [Fact]
    public async Task WithRedisAndThePostgresServerAway_QuotesAreUnavailableNotStale()
    {
        await using var store = await TestStore.StartAsync(StoreProvider.PostgreSql, "Tariff");
        await using var redis = await RedisServer.StartAsync();
        store.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var entry = QuoteRequests.Entry("US", ProtoDates.Day(2019, 7, 1), QuoteRequests.Line("9403.60.80", "CN", 10_000));

        await redis.StopAsync();
        await Eventually.PollAsync(() => Task.FromResult(host.Services.GetRequiredService<ReplicaBus>().InStep), inStep => !inStep, TimeSpan.FromSeconds(5));
        await store.Server!.StopAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(entry).ResponseAsync);
        await store.Server.StartAgainAsync();
        var quote = await client.QuoteDutyAsync(entry);

        Assert.Equal((StatusCode.Unavailable, "STORE_UNAVAILABLE"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(2500m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task TwoReplicasFirstStartingTogether_LoadTheBundledDataOnce(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        var a = new ServiceHost(TariffApp.Build, store.Settings);
        var b = new ServiceHost(TariffApp.Build, store.Settings);
        await using (a)
        await using (b)
        {
            // On threads of their own: a start may run synchronously for a while (SQLite's calls do).
            await Task.WhenAll(Task.Run(a.StartAsync), Task.Run(b.StartAsync));
            var lists = await Task.WhenAll(new[] { a, b }.Select(host => new MeasureService.MeasureServiceClient(host.Channel)
                .ListMeasuresAsync(new ListMeasuresRequest { PageSize = 100 }).ResponseAsync));
            var entities = await new ExportControlService.ExportControlServiceClient(a.Channel).ListEntitiesAsync(new ListEntitiesRequest { PageSize = 1000 });

            Assert.All(lists, list => Assert.Equal(14, list.Measures.Count));
            Assert.Equal(entities.Entities.Count, entities.Entities.Select(e => e.DisplayName).Distinct().Count());
        }
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task Restart_AfterFirstStart_ServesTheScheduleFromTheStore(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
        var before = await new TariffService.TariffServiceClient(host.Channel)
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" });

        await host.RestartAsync();
        var after = await new TariffService.TariffServiceClient(host.Channel)
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" });

        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task Restart_AfterMeasureAndExclusionChanges_KeepsThemAndTheirQuotes(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
        var measures = new MeasureService.MeasureServiceClient(host.Channel);
        await measures.SuspendMeasureAsync(new SuspendMeasureRequest
        {
            Name = "measures/us-301-list-4a", EffectiveDate = ProtoDates.Day(2020, 1, 1),
        });
        var exclusion = await measures.RequestExclusionAsync(new RequestExclusionRequest
        {
            Exclusion = new Exclusion { Measure = "measures/us-301-list-3", HtsCode = "9403.60.80", Requester = "Acme" },
        });
        await measures.GrantExclusionAsync(new GrantExclusionRequest { Name = exclusion.Name, EndDate = ProtoDates.Day(2020, 8, 7) });

        await host.RestartAsync();
        measures = new MeasureService.MeasureServiceClient(host.Channel);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var measure = await measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4a", View = MeasureView.Basic });
        var quote = await client.QuoteDutyAsync(QuoteRequests.Entry("US", ProtoDates.Day(2019, 7, 1), QuoteRequests.Line("9403.60.80", "CN", 10_000)));

        Assert.Equal(ProtoDates.Day(2020, 1, 1), measure.SuspensionDate);
        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.Equal([exclusion.Name], quote.Lines[0].ExclusionsApplied);
    }

    /// <summary>
    /// Deletes the whole store (database, write-ahead log and index): overwriting only the main
    /// file is not enough, since SQLite may still read every page it needs from the log.
    /// </summary>
    private static void DeleteStore(ServiceHost host)
    {
        foreach (var file in Directory.EnumerateFiles(host.DataDirectory, "tariff.db*"))
        {
            File.Delete(file);
        }
    }
}
