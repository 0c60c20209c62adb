using System.Data.Common;
using Npgsql;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

public sealed class PostgresNegotiationStore(PostgresDatabase database, ILogger<PostgresNegotiationStore> logger) : NegotiationStore
{
    // Replicas claiming at once each take other rows than the ones another claim holds.
    protected override string ClaimLock => "FOR UPDATE SKIP LOCKED";

    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(PostgresNegotiationStore).Assembly, "TradeGrpc.Negotiation.Data.Migrations.PostgreSql", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    protected override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
