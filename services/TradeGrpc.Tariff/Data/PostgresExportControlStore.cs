using System.Data.Common;
using Npgsql;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Data;

public sealed class PostgresExportControlStore(PostgresDatabase database, ILogger<PostgresExportControlStore> logger) : ExportControlStore
{
    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(PostgresExportControlStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.PostgreSql", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
