using System.Data.Common;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Data;

public sealed class SqliteTariffStore(SqliteDatabase database, ILogger<SqliteTariffStore> logger) : TariffStore
{
    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.Sqlite", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);
}
