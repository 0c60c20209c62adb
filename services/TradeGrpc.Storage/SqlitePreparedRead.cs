using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TradeGrpc.Storage;

/// <summary>
/// One read statement kept prepared, stepped through SQLite's own API. Opening a pooled connection,
/// setting its pragmas, preparing the statement and going through a data reader cost several times
/// what SQLite takes to step an indexed one-row read; a version check made before every cached read
/// pays only the step. Each run is a read transaction of its own, so it sees every commit made
/// before it began, by any connection or process. Each concurrent run takes a connection of its
/// own with the statement prepared on it (a shared one made the runs wait on each other), and
/// gives it back for the next.
/// </summary>
internal sealed class SqlitePreparedRead(string connectionString, string sql) : IDisposable
{
    // As long as the pooled connections wait for a writer that holds the file (their DefaultTimeout).
    private const int BusyTimeoutMilliseconds = 30_000;

    // Runs at once beyond this many give their connection up afterwards, rather than keep it idle.
    private static readonly int KeptIdle = 2 * Environment.ProcessorCount;

    private readonly ConcurrentBag<Lane> idle = [];
    private int idleCount;
    private volatile bool disposed;

    public long? Read(string key)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Lane lane;
        if (idle.TryTake(out var taken))
        {
            Interlocked.Decrement(ref idleCount);
            lane = taken;
        }
        else
        {
            lane = new Lane(connectionString, sql);
        }

        long? value;
        try
        {
            value = lane.Read(key);
        }
        catch
        {
            // A connection that failed once (the file gone, the disk full) is not trusted again.
            lane.Dispose();
            throw;
        }

        // Counted apart: ConcurrentBag.Count takes every thread's lock.
        if (Interlocked.Increment(ref idleCount) <= KeptIdle && !disposed)
        {
            idle.Add(lane);
        }
        else
        {
            Interlocked.Decrement(ref idleCount);
            lane.Dispose();
        }

        return value;
    }

    /// <summary>Closes the idle connections; one in use is closed as its run gives it back.</summary>
    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var lane))
        {
            Interlocked.Decrement(ref idleCount);
            lane.Dispose();
        }
    }

    /// <summary>A connection with the statement prepared on it; one run at a time.</summary>
    private sealed class Lane : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly sqlite3_stmt statement;

        public Lane(string connectionString, string sql)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                Check(raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds));
                Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out statement));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public long? Read(string key)
        {
            Check(raw.sqlite3_bind_text(statement, 1, key));
            var step = raw.sqlite3_step(statement);
            Check(step is raw.SQLITE_ROW or raw.SQLITE_DONE ? raw.SQLITE_OK : step);
            long? value = step == raw.SQLITE_ROW && raw.sqlite3_column_type(statement, 0) == raw.SQLITE_INTEGER ? raw.sqlite3_column_int64(statement, 0) : null;
            // Ends the read transaction, so that the next run sees the commits made meanwhile.
            Check(raw.sqlite3_reset(statement));
            return value;
        }

        public void Dispose()
        {
            statement.Dispose();
            connection.Dispose();
        }

        private void Check(int result) => SqliteException.ThrowExceptionForRC(result, connection.Handle);
    }
}
