using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

public sealed class EntityListLoaderTests
{
    [Fact]
    public async Task Restart_AfterFirstStart_KeepsTheEntityListWithoutLoadingItAgain()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var before = await new ExportControlService.ExportControlServiceClient(host.Channel).ListEntitiesAsync(new ListEntitiesRequest());

        await host.RestartAsync();
        var after = await new ExportControlService.ExportControlServiceClient(host.Channel).ListEntitiesAsync(new ListEntitiesRequest());

        Assert.Equal(5, before.Entities.Count);
        Assert.Equal(before, after);
    }
}
