namespace TradeGrpc.Negotiation.Data;

/// <summary>Brings the store's schema up to date before the server takes calls.</summary>
public sealed class StoreMigrator(INegotiationStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
