using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TradeGrpc.Storage;

/// <summary>A SQLite database file in WAL mode.</summary>
public sealed class SqliteDatabase : Database, IDisposable
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CONSTRAINT.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    // What opening a file another process holds exclusively throws: EWOULDBLOCK from flock, or
    // ERROR_SHARING_VIOLATION / ERROR_LOCK_VIOLATION.
    private const int HeldElsewhereUnix = 11;
    private const int HeldElsewhereWindows = unchecked((int)0x80070020);
    private const int LockedElsewhereWindows = unchecked((int)0x80070021);

    // How long a command waits for a writer that holds the file, in SQLite and in Microsoft.Data.Sqlite.
    private const int BusyTimeoutSeconds = 30;

    private readonly string unpooledConnectionString;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqlitePreparedRead> preparedReads = new(StringComparer.Ordinal);

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = BusyTimeoutSeconds, Pooling = true };
        ConnectionString = builder.ToString();
        builder.Pooling = false;
        builder.Mode = SqliteOpenMode.ReadWrite;
        unpooledConnectionString = builder.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public override StoreProvider Provider => StoreProvider.Sqlite;

    // A write transaction holds the whole file: nothing to add.
    public override string LockRows => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // FULL: in WAL mode NORMAL may lose the last commits to a power cut or an OS crash, after the
        // caller was told they were written; FULL syncs the log at every commit, so an acknowledged write stays.
        // busy_timeout: a writer that finds the file locked waits in SQLite, which tries again within
        // milliseconds; left to Microsoft.Data.Sqlite, it slept 150 ms between tries, and at 32 writes in
        // flight their p99 reached hundreds of milliseconds.
        pragma.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>On a connection that keeps the statement prepared; <paramref name="sql"/> is one of the code's constants, so they are few.</summary>
    public override Task<long?> ReadNumberAsync(string sql, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(preparedReads.GetOrAdd(sql, s => new SqlitePreparedRead(unpooledConnectionString, s)).Read(key));
    }

    public void Dispose()
    {
        foreach (var read in preparedReads.Values)
        {
            read.Dispose();
        }
    }

    /// <summary>BEGIN IMMEDIATE: the write lock is taken as the transaction begins, so a read in it is never made stale by another writer.</summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((SqliteConnection)connection).BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    public override bool IsUniqueViolation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    public override bool IsWriteConflict(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    public override async Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            insert.Parameters.Add(parameter);
        }

        await insert.PrepareAsync(cancellationToken);
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters[i].Value = row[i];
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        // A fresh, unpooled connection: a pooled one would keep answering from a file that is gone.
        await using var connection = new SqliteConnection(unpooledConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Migrations.JournalTable}";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>An exclusive lock on <c>{file}.setup-lock</c> beside the database, held by every process that shares the file.</summary>
    public override async Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken)
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
}
