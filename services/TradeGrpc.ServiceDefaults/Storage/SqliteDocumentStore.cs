using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace TradeGrpc.ServiceDefaults.Storage;

public sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore
{
    private const int SqliteConstraint = 19;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IReadOnlyList<T>> LoadAllAsync<T>(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM documents WHERE kind = $kind ORDER BY seq";
        command.Parameters.AddWithValue("$kind", kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
        }

        return documents;
    }

    public async Task<T?> GetAsync<T>(string kind, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM documents WHERE kind = $kind AND id = $id";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? JsonSerializer.Deserialize<T>(body, Json) : null;
    }

    public async Task<CommandRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource, fingerprint FROM command_requests WHERE request_id = $request";
        command.Parameters.AddWithValue("$request", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CommandRequest(requestId, reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<SaveOutcome> SaveAsync<T>(string kind, string id, T document, long version, long expectedVersion, CommandRequest? request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = connection.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = expectedVersion == 0
                ? "INSERT INTO documents (kind, id, body, version) VALUES ($kind, $id, $body, $version)"
                : "UPDATE documents SET body = $body, version = $version WHERE kind = $kind AND id = $id AND version = $expected";
            write.Parameters.AddWithValue("$kind", kind);
            write.Parameters.AddWithValue("$id", id);
            write.Parameters.AddWithValue("$body", JsonSerializer.Serialize(document, Json));
            write.Parameters.AddWithValue("$version", version);
            write.Parameters.AddWithValue("$expected", expectedVersion);
            try
            {
                if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return SaveOutcome.VersionConflict;
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                return SaveOutcome.DuplicateId;
            }
        }

        if (request is not null)
        {
            await using var remember = connection.CreateCommand();
            remember.Transaction = transaction;
            remember.CommandText = "INSERT INTO command_requests (request_id, resource, fingerprint) VALUES ($request, $resource, $fingerprint)";
            remember.Parameters.AddWithValue("$request", request.RequestId);
            remember.Parameters.AddWithValue("$resource", request.Resource);
            remember.Parameters.AddWithValue("$fingerprint", request.Fingerprint);
            try
            {
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraint)
            {
                throw new DuplicateRequestException(request.RequestId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    public async Task InsertManyAsync<T>(string kind, IEnumerable<(string Id, T Document)> documents, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO documents (kind, id, body, version) VALUES ($kind, $id, $body, 1)";
        insert.Parameters.AddWithValue("$kind", kind);
        var idParameter = insert.Parameters.Add("$id", SqliteType.Text);
        var bodyParameter = insert.Parameters.Add("$body", SqliteType.Text);
        foreach (var (id, document) in documents)
        {
            idParameter.Value = id;
            bodyParameter.Value = JsonSerializer.Serialize(document, Json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
