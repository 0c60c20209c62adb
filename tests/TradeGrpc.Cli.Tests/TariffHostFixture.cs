using TradeGrpc.Tariff;
using TradeGrpc.Testing;

namespace TradeGrpc.Cli.Tests;

/// <summary>One tariff service with the bundled data loaded, shared by the tests of a class.</summary>
public sealed class TariffHostFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ServiceHost.StartAsync(TariffApp.Build);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
