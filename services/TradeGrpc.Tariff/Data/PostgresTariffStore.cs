using System.Data.Common;
using TradeGrpc.ServiceDefaults.Storage;

namespace TradeGrpc.Tariff.Data;

public sealed class PostgresTariffStore(PostgresDatabase database, ILogger<PostgresTariffStore> logger) : TariffStore
{
    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(PostgresTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.PostgreSql", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);
}
