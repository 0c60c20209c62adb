using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TradeGrpc.Storage;

/// <summary>
/// A PostgreSQL database whose schema comes from versioned migration scripts embedded in a
/// service assembly (<c>0001_name.sql</c>, applied in order, each once), under an advisory lock
/// so that replicas starting together migrate once.
/// </summary>
public sealed partial class PostgresDatabase(NpgsqlDataSource dataSource) : IStoreProbe, IStoreSetupLock
{
    // Any fixed keys: every replica of every service on the database takes the same locks.
    private const long MigrationLock = 0x5472616465475250;
    private const long SetupLock = MigrationLock + 1;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Applies the scripts under <paramref name="resourcePrefix"/> not yet applied.</summary>
    public async Task MigrateAsync(Assembly assembly, string resourcePrefix, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new HashSet<int>();
            await using (var query = new NpgsqlCommand("SELECT version FROM schema_migrations", connection))
            await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var script in MigrationScript.Find(assembly, resourcePrefix).Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection, transaction);
                record.Parameters.AddWithValue("v", script.Version);
                record.Parameters.AddWithValue("n", script.Name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, script.Version, script.Name, connection.Database);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT 1", cancellationToken);
    }

    /// <summary>A session advisory lock on a connection of its own, held until the result is disposed.</summary>
    public async Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({SetupLock})", cancellationToken);
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
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({SetupLock})", CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The connection broke: the session, and the lock with it, is gone already.
                }
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name} to PostgreSQL database {Database}")]
    private static partial void LogApplied(ILogger logger, int version, string name, string database);
}
