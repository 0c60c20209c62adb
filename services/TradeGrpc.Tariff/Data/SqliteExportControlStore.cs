using System.Data.Common;
using Microsoft.Data.Sqlite;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Data;

public sealed class SqliteExportControlStore(SqliteDatabase database, ILogger<SqliteExportControlStore> logger) : ExportControlStore
{
    // SQLITE_CONSTRAINT.
    private const int SqliteConstraint = 19;

    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteExportControlStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.Sqlite", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };
}
