using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TradeGrpc.Storage;

public sealed class SqliteDocumentStore(SqliteDatabase database) : DocumentStore
{
    // SQLITE_CONSTRAINT.
    private const int SqliteConstraint = 19;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };
}
