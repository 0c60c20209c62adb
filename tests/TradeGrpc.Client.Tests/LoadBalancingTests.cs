using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Client.Tests;

public sealed class LoadBalancingTests
{
    private static async Task CallAsync(TariffService.TariffServiceClient client, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        }
    }

    private static ServiceProvider Provider(params ServiceHost[] replicas)
    {
        var services = new ServiceCollection();
        services.AddTariffClients(o =>
        {
            foreach (var replica in replicas)
            {
                o.Addresses.Add(replica.Address);
            }
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Calls_ToTwoReplicas_AreSpreadOverBoth()
    {
        ScriptedTariffService first = new(), second = new();
        await using var one = await ServiceHost.StartAsync(first.Build);
        await using var two = await ServiceHost.StartAsync(second.Build);
        await using var provider = Provider(one, two);

        await CallAsync(provider.GetRequiredService<TariffService.TariffServiceClient>(), 20);

        Assert.Equal(20, first.Calls + second.Calls);
        Assert.InRange(first.Calls, 5, 15);
    }

    [Fact]
    public async Task Calls_WhenOneReplicaStops_GoOnThroughTheOther()
    {
        ScriptedTariffService first = new(), second = new();
        await using var one = await ServiceHost.StartAsync(first.Build);
        await using var two = await ServiceHost.StartAsync(second.Build);
        await using var provider = Provider(one, two);
        var client = provider.GetRequiredService<TariffService.TariffServiceClient>();
        await CallAsync(client, 4);

        await one.StopAsync();
        // A call sent on the stopped replica's connection as it closes can fail INTERNAL (the
        // HTTP/2 connection closed under it, which the client cannot retry safely); the first call
        // after the stop may be that one.
        try
        {
            await CallAsync(client, 1);
        }
        catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Internal)
        {
        }

        var before = second.Calls;
        await CallAsync(client, 10);

        Assert.True(second.Calls - before >= 10);
    }
}
