using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>One tariff service with the bundled data loaded, shared by the API tests.</summary>
public class TariffHostFixture : IAsyncLifetime
{
    private TestStore store = null!;

    public ServiceHost Host { get; private set; } = null!;

    public TariffService.TariffServiceClient Client => new(Host.Channel);

    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    public async Task InitializeAsync()
    {
        store = await TestStore.StartAsync(Provider, "Tariff");
        Host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await store.DisposeAsync();
    }
}

/// <summary>The same, on PostgreSQL.</summary>
public sealed class PostgresTariffHostFixture : TariffHostFixture
{
    protected override StoreProvider Provider => StoreProvider.PostgreSql;
}

[CollectionDefinition(Name)]
public sealed class SharedTariffHost : ICollectionFixture<TariffHostFixture>
{
    public const string Name = "tariff host";
}

[CollectionDefinition(Name)]
public sealed class SharedPostgresTariffHost : ICollectionFixture<PostgresTariffHostFixture>
{
    public const string Name = "tariff host on PostgreSQL";
}
