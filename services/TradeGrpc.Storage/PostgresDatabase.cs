using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace TradeGrpc.Storage;

/// <summary>A PostgreSQL database reached through a pooled data source.</summary>
public sealed class PostgresDatabase(NpgsqlDataSource dataSource) : Database
{
    // Any fixed key: every replica of every service on the database takes the same lock.
    private const long SetupLock = 0x5472616465475251;

    public NpgsqlDataSource DataSource => dataSource;

    public override StoreProvider Provider => StoreProvider.PostgreSql;

    public override string LockRows => "FOR UPDATE";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    public override bool IsUniqueViolation(DbException exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsWriteConflict(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>Binary COPY: tens of thousands of rows in one stream.</summary>
    public override async Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<string[]> rows, CancellationToken cancellationToken)
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

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>A session advisory lock on a connection of its own, held until the result is disposed.</summary>
    public override async Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({SetupLock})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new HeldLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class HeldLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (connection)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({SetupLock})", connection);
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The connection broke: the session, and the lock with it, is gone already.
                }
            }
        }
    }
}
