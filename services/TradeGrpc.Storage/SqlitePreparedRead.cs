using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TradeGrpc.Storage;

/// <summary>
/// One read statement kept prepared on a connection of its own, stepped through SQLite's own API.
/// Opening a pooled connection, setting its pragmas, preparing the statement and going through a
/// data reader cost several times what SQLite takes to step an indexed one-row read; a version
/// check made before every cached read pays only the step. Each run is a read transaction of its
/// own, so it sees every commit made before it began, by any connection or process. Runs take turns
/// on the connection: they are a few microseconds each.
/// </summary>
internal sealed class SqlitePreparedRead(string connectionString, string sql) : IDisposable
{
    // As long as the pooled connections wait for a writer that holds the file (their DefaultTimeout).
    private const int BusyTimeoutMilliseconds = 30_000;

    private readonly Lock gate = new();
    private SqliteConnection? connection;
    private sqlite3_stmt? statement;

    public long? Read(string key)
    {
        lock (gate)
        {
            try
            {
                statement ??= Prepare();
                Check(raw.sqlite3_bind_text(statement, 1, key));
                var step = raw.sqlite3_step(statement);
                Check(step is raw.SQLITE_ROW or raw.SQLITE_DONE ? raw.SQLITE_OK : step);
                long? value = step == raw.SQLITE_ROW && raw.sqlite3_column_type(statement, 0) == raw.SQLITE_INTEGER ? raw.sqlite3_column_int64(statement, 0) : null;
                // Ends the read transaction, so that the next run sees the commits made meanwhile.
                Check(raw.sqlite3_reset(statement));
                return value;
            }
            catch
            {
                // A connection that failed once (the file gone, the disk full) is not trusted again: the next run opens another.
                Close();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            Close();
        }
    }

    private sqlite3_stmt Prepare()
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        Check(raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds));
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out var prepared));
        return prepared;
    }

    private void Check(int result) => SqliteException.ThrowExceptionForRC(result, connection!.Handle);

    private void Close()
    {
        statement?.Dispose();
        connection?.Dispose();
        (statement, connection) = (null, null);
    }
}
