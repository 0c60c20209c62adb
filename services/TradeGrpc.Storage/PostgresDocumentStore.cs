using System.Data.Common;
using Npgsql;

namespace TradeGrpc.Storage;

public sealed class PostgresDocumentStore(PostgresDatabase database) : DocumentStore
{
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
