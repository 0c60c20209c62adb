using Microsoft.AspNetCore.Builder;

namespace TradeGrpc.Testing;

/// <summary>
/// One in-process service on a store of the chosen provider, shared by a collection of API tests;
/// a service's fixture names how to build it and its connection string, and implements xunit's IAsyncLifetime with these methods.
/// </summary>
public abstract class StoreHostFixture(Func<string[], WebApplication> build, string connectionName)
{
    private TestStore store = null!;

    public ServiceHost Host { get; private set; } = null!;

    protected virtual StoreProvider Provider => StoreProvider.Sqlite;

    public async Task InitializeAsync()
    {
        store = await TestStore.StartAsync(Provider, connectionName);
        Host = await ServiceHost.StartAsync(build, store.Settings);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await store.DisposeAsync();
    }
}
