using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

/// <summary>Brings the store's schema up to date before the server takes calls, one replica at a time.</summary>
public sealed class StoreMigrator(INegotiationStore store, IStoreSetupLock setupLock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var setup = await setupLock.AcquireSetupLockAsync(cancellationToken);
        await store.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
