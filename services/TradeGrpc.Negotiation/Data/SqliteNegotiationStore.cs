using System.Globalization;
using Microsoft.Data.Sqlite;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.ServiceDefaults.Storage;

namespace TradeGrpc.Negotiation.Data;

public sealed class SqliteNegotiationStore(SqliteDatabase database, ILogger<SqliteNegotiationStore> logger) : INegotiationStore
{
    private const string Columns = "id, title, parties, status, create_time, update_time, version";

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.MigrateAsync(typeof(SqliteNegotiationStore).Assembly, "TradeGrpc.Negotiation.Data.Migrations.Sqlite", logger, cancellationToken);

    public async Task<StoredCreate> CreateAsync(NegotiationRecord negotiation, string requestId, string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock comes first, so two replays of one request_id cannot both insert.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (requestId.Length > 0)
        {
            await using var lookup = connection.CreateCommand();
            lookup.Transaction = transaction;
            lookup.CommandText = $"""
                SELECT {Columns.Replace("id,", "n.id,", StringComparison.Ordinal)}, r.fingerprint
                FROM request_ids r JOIN negotiations n ON n.id = r.resource WHERE r.request_id = $request
                """;
            lookup.Parameters.AddWithValue("$request", requestId);
            await using var reader = await lookup.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                return new StoredCreate(Read(reader), reader.GetString(7));
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO negotiations ({Columns}) VALUES ($id, $title, $parties, $status, $created, $updated, $version)";
            insert.Parameters.AddWithValue("$id", negotiation.Id);
            insert.Parameters.AddWithValue("$title", negotiation.Title);
            insert.Parameters.AddWithValue("$parties", string.Join(',', negotiation.Parties));
            insert.Parameters.AddWithValue("$status", (int)negotiation.Status);
            insert.Parameters.AddWithValue("$created", Instant(negotiation.CreateTime));
            insert.Parameters.AddWithValue("$updated", Instant(negotiation.UpdateTime));
            insert.Parameters.AddWithValue("$version", negotiation.Version);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (requestId.Length > 0)
        {
            await using var remember = connection.CreateCommand();
            remember.Transaction = transaction;
            remember.CommandText = "INSERT INTO request_ids (request_id, resource, fingerprint) VALUES ($request, $id, $fingerprint)";
            remember.Parameters.AddWithValue("$request", requestId);
            remember.Parameters.AddWithValue("$id", negotiation.Id);
            remember.Parameters.AddWithValue("$fingerprint", fingerprint);
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoredCreate(negotiation, fingerprint);
    }

    public async Task<NegotiationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM negotiations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM negotiations
            WHERE seq > coalesce((SELECT seq FROM negotiations WHERE id = $after), 0)
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterId ?? "");
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<NegotiationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(Read(reader));
        }

        return page;
    }

    private static NegotiationRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2).Split(','),
        (NegotiationStatus)reader.GetInt32(3),
        DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
        reader.GetInt64(6));

    private static string Instant(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
