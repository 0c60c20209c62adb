using Npgsql;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

public sealed class PostgresMigrationTests
{
    [Fact]
    public async Task ReplicasStartingAtOnce_ApplyEachMigrationOnce()
    {
        await using var store = await TestStore.StartAsync(StoreProvider.PostgreSql, "Negotiation");

        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServiceHost.StartAsync(NegotiationApp.Build, store.Settings)));
        await using var connection = new NpgsqlConnection(store.Settings["ConnectionStrings:Negotiation"]);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_versions", connection);
        var applied = (long)(await count.ExecuteScalarAsync())!;
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }

        // 0001 to 0008, and audit_0001 and store_0001 of every store, each once.
        Assert.Equal(10, applied);
    }
}
