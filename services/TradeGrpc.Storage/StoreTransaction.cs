using System.Data.Common;
using Dapper;
using TradeGrpc.Commands;

namespace TradeGrpc.Storage;

/// <summary>
/// A write transaction on a <see cref="Database"/>, as the command pipeline runs it: a service's
/// store derives its own with the reads and writes its commands need. Records the request in the
/// <c>request_log</c> table, and turns the store's write conflicts into <see cref="WriteConflictException"/>
/// so that the pipeline runs the command again.
/// </summary>
public class StoreTransaction : ICommandTransaction
{
    private readonly DbConnection connection;
    private readonly DbTransaction transaction;

    protected StoreTransaction(Database database, DbConnection connection, DbTransaction transaction)
    {
        Database = database;
        this.connection = connection;
        this.transaction = transaction;
    }

    public Database Database { get; }

    /// <summary>Opens a connection and begins a write transaction on it, for a derived type made by <paramref name="create"/>.</summary>
    protected static async Task<T> BeginAsync<T>(Database database, Func<DbConnection, DbTransaction, T> create, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return create(connection, await Conflicts(database, () => database.BeginWriteAsync(connection, cancellationToken)));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task RecordRequestAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("INSERT INTO request_log (request_id, resource, fingerprint) VALUES (@RequestId, @Resource, @Fingerprint)", request, cancellationToken);
        }
        catch (DbException ex) when (Database.IsUniqueViolation(ex))
        {
            throw new DuplicateRequestException(request.RequestId);
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex) when (Database.IsWriteConflict(ex))
        {
            throw new WriteConflictException(ex.Message, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        Conflicts(Database, () => connection.ExecuteAsync(Command(sql, parameters, cancellationToken)));

    public Task<T?> FirstOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Conflicts(Database, () => connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters, cancellationToken)));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        [.. await Conflicts(Database, () => connection.QueryAsync<T>(Command(sql, parameters, cancellationToken)))];

    public Task<T> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken) =>
        Conflicts(Database, () => connection.ExecuteScalarAsync<T>(Command(sql, parameters, cancellationToken)))!;

    /// <summary>Inserts many rows of text values in this transaction, the fastest way the provider has.</summary>
    public Task BulkInsertAsync(string table, IReadOnlyList<string> columns, IEnumerable<string[]> rows, CancellationToken cancellationToken) =>
        Database.BulkInsertAsync(connection, transaction, table, columns, rows, cancellationToken);

    private CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);

    private static async Task<T> Conflicts<T>(Database database, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DbException ex) when (database.IsWriteConflict(ex))
        {
            throw new WriteConflictException(ex.Message, ex);
        }
    }
}
