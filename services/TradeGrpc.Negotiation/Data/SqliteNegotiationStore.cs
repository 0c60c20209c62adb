using System.Data.Common;
using Microsoft.Data.Sqlite;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

public sealed class SqliteNegotiationStore(SqliteDatabase database, ILogger<SqliteNegotiationStore> logger) : NegotiationStore
{
    // SQLITE_CONSTRAINT.
    private const int SqliteConstraint = 19;

    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteNegotiationStore).Assembly, "TradeGrpc.Negotiation.Data.Migrations.Sqlite", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };
}
