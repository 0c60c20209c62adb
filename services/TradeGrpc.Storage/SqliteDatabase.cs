using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.Storage;

/// <summary>
/// A SQLite database file in WAL mode whose schema comes from versioned migration scripts
/// embedded in a service assembly (<c>0001_name.sql</c>, applied in order, each once).
/// </summary>
public sealed partial class SqliteDatabase : IStoreProbe, IStoreSetupLock
{
    // What opening a file another process holds exclusively throws: EWOULDBLOCK from flock, or
    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION.
    private const int HeldElsewhereUnix = 11;
    private const int HeldElsewhereWindows = unchecked((int)0x80070020);
    private const int LockedElsewhereWindows = unchecked((int)0x80070021);

    private readonly string connectionString;
    private readonly string probeConnectionString;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 30, Pooling = true };
        connectionString = builder.ToString();
        builder.Pooling = false;
        builder.Mode = SqliteOpenMode.ReadWrite;
        probeConnectionString = builder.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the file if needed and applies the scripts under <paramref name="resourcePrefix"/> not yet applied.</summary>
    public async Task MigrateAsync(Assembly assembly, string resourcePrefix, ILogger logger, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL);
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in MigrationScript.Find(assembly, resourcePrefix).Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, (SqliteTransaction)transaction, script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = (SqliteTransaction)transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
            record.Parameters.AddWithValue("$v", script.Version);
            record.Parameters.AddWithValue("$n", script.Name);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, script.Version, script.Name, Path);
        }
    }

    /// <summary>An exclusive lock on <c>{file}.setup-lock</c> beside the database, held by every process that shares the file.</summary>
    public async Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        while (true)
        {
            try
            {
                return new FileStream($"{Path}.setup-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (ex.HResult is HeldElsewhereUnix or HeldElsewhereWindows or LockedElsewhereWindows)
            {
                // Another replica holds it; any other failure (a read-only or full disk) is thrown.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        // A fresh, unpooled connection: a pooled one would keep answering from a file that is gone.
        await using var connection = new SqliteConnection(probeConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name} to {Path}")]
    private static partial void LogApplied(ILogger logger, int version, string name, string path);
}
