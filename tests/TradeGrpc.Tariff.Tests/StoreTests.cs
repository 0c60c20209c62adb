using Grpc.Health.V1;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

public sealed class StoreTests
{
    [Fact]
    public async Task HealthCheck_StoreFileCorrupted_IsNotServingForEveryName()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var health = new Health.HealthClient(host.Channel);

        await File.WriteAllTextAsync(Path.Combine(host.DataDirectory, "tariff.db"), "this is not a database file, padded to be longer than the header of one");

        foreach (var service in new[] { "", "trade.tariff.v1.TariffService" })
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = service });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, response.Status);
        }
    }

    [Fact]
    public async Task Restart_AfterFirstStart_ServesTheScheduleFromTheStore()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var before = await new TariffService.TariffServiceClient(host.Channel)
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" });

        await host.RestartAsync();
        var after = await new TariffService.TariffServiceClient(host.Channel)
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" });

        Assert.Equal(before, after);
    }
}
