using Dapper;
using TradeGrpc.Commands;

namespace TradeGrpc.Storage;

/// <summary>Reads outside a transaction, each on a pooled connection of its own.</summary>
public static class DatabaseReads
{
    public static async Task<IReadOnlyList<T>> QueryAsync<T>(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))];
    }

    public static async Task<T?> FirstOrDefaultAsync<T>(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public static async Task<int> ExecuteAsync(this Database database, string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>The request recorded under <paramref name="requestId"/> in the store's <c>request_log</c>, if any.</summary>
    public static Task<RecordedRequest?> FindRequestAsync(this Database database, string requestId, CancellationToken cancellationToken) =>
        database.FirstOrDefaultAsync<RecordedRequest>(
            "SELECT request_id AS RequestId, resource AS Resource, fingerprint AS Fingerprint FROM request_log WHERE request_id = @requestId",
            new { requestId }, cancellationToken);
}
