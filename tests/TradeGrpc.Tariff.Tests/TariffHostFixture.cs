using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>One tariff service with the bundled data loaded, shared by the API tests.</summary>
public sealed class TariffHostFixture : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public TariffService.TariffServiceClient Client => new(Host.Channel);

    public async Task InitializeAsync() => Host = await ServiceHost.StartAsync(TariffApp.Build);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedTariffHost : ICollectionFixture<TariffHostFixture>
{
    public const string Name = "tariff host";
}
