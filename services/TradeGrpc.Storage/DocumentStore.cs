using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeGrpc.Storage;

/// <summary>
/// The document store in SQL both providers speak; a provider opens connections and tells a
/// unique-key violation.
/// </summary>
public abstract class DocumentStore : IDocumentStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a unique or primary key violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    public async Task<IReadOnlyList<T>> LoadAllAsync<T>(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT body FROM documents WHERE kind = @kind ORDER BY seq", ("@kind", kind));
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT body FROM documents WHERE kind = @kind AND id = @id", ("@kind", kind), ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? JsonSerializer.Deserialize<T>(body, Json) : null;
    }

    public async Task<IReadOnlyDictionary<string, long>> RevisionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT kind, SUM(version) FROM documents GROUP BY kind");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var revisions = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return revisions;
    }

    public async Task<CommandRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT resource, fingerprint FROM command_requests WHERE request_id = @request", ("@request", requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CommandRequest(requestId, reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<SaveOutcome> SaveAsync<T>(string kind, string id, T document, long version, long expectedVersion, CommandRequest? request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = Sql.Command(connection, transaction,
            expectedVersion == 0
                ? "INSERT INTO documents (kind, id, body, version) VALUES (@kind, @id, @body, @version) ON CONFLICT DO NOTHING"
                : "UPDATE documents SET body = @body, version = @version WHERE kind = @kind AND id = @id AND version = @expected",
            ("@kind", kind), ("@id", id), ("@body", JsonSerializer.Serialize(document, Json)), ("@version", version), ("@expected", expectedVersion)))
        {
            if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return expectedVersion == 0 ? SaveOutcome.DuplicateId : SaveOutcome.VersionConflict;
            }
        }

        if (request is not null)
        {
            await using var remember = Sql.Command(connection, transaction,
                "INSERT INTO command_requests (request_id, resource, fingerprint) VALUES (@request, @resource, @fingerprint)",
                ("@request", request.RequestId), ("@resource", request.Resource), ("@fingerprint", request.Fingerprint));
            try
            {
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                throw new DuplicateRequestException(request.RequestId);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return SaveOutcome.Saved;
    }

    public async Task InsertManyAsync<T>(string kind, IEnumerable<(string Id, T Document)> documents, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = Sql.Command(connection, transaction, "INSERT INTO documents (kind, id, body, version) VALUES (@kind, @id, @body, 1)",
            ("@kind", kind), ("@id", ""), ("@body", ""));
        await insert.PrepareAsync(cancellationToken);
        foreach (var (id, document) in documents)
        {
            insert.Parameters["@id"].Value = id;
            insert.Parameters["@body"].Value = JsonSerializer.Serialize(document, Json);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
