using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Data;

public sealed class PostgresTariffStore(PostgresDatabase database, ILogger<PostgresTariffStore> logger) : TariffStore
{
    public override Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(PostgresTariffStore).Assembly, "TradeGrpc.Tariff.Data.Migrations.PostgreSql", logger, cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken);

    /// <summary>Binary COPY: the bundled schedule's tens of thousands of rows in one stream.</summary>
    protected override async Task InsertAllAsync(
        DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        await using var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var value in row)
            {
                await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
