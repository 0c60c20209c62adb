using System.Data.Common;
using System.Reflection;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.Storage;

/// <summary>
/// A service's store, SQLite or PostgreSQL: what the two differ in (opening a connection, telling a
/// unique-key violation or a write conflict, locking rows, bulk loading, the setup lock), so that a
/// service's stores speak one SQL for both.
/// </summary>
public abstract class Database
{
    protected Database() => DapperTypes.Register();

    public abstract StoreProvider Provider { get; }

    /// <summary>Appended to a SELECT in a write transaction, it keeps other writers off the rows it reads until the commit.</summary>
    public abstract string LockRows { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The number <paramref name="sql"/> selects for <paramref name="key"/> (bound as <c>@key</c>), null
    /// when it selects no row: for the one-row reads made on every call, such as the version check
    /// before a cached read. A store may keep the statement prepared.
    /// </summary>
    public virtual async Task<long?> ReadNumberAsync(string sql, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A transaction that may write; SQLite's takes the store's write lock as it begins.</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a unique or primary key violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Whether the store gave up a transaction for another that wrote the same rows (a deadlock, a busy SQLite file).</summary>
    public abstract bool IsWriteConflict(DbException exception);

    /// <summary>Inserts <paramref name="rows"/> of text values into <paramref name="table"/> within <paramref name="transaction"/>.</summary>
    public abstract Task BulkInsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IEnumerable<string[]> rows, CancellationToken cancellationToken);

    /// <summary>Fails unless the store answers a query now.</summary>
    public abstract Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serialises first-start work (migrations, loading bundled data) among the replicas that share
    /// the store: replicas starting together on a new store do it once, and the others find it done.
    /// A replica that dies holding the lock releases it with its connection or process. Disposing the
    /// result releases it.
    /// </summary>
    public abstract Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken);

    /// <summary>Applies the migrations embedded in <paramref name="assembly"/> under <paramref name="resourcePrefix"/> not yet applied; the caller holds the setup lock.</summary>
    /// <summary>Brings the schema up to date; returns the names of the migrations applied now.</summary>
    public Task<IReadOnlySet<string>> MigrateAsync(Assembly assembly, string resourcePrefix, ILogger logger, CancellationToken cancellationToken) =>
        Migrations.ApplyAsync(this, assembly, resourcePrefix, logger, cancellationToken);
}
