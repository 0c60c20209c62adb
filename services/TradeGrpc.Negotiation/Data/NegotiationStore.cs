using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Data;

/// <summary>
/// The negotiation store in SQL both providers speak; a provider opens connections, migrates its
/// schema, tells a unique-key violation, and may lock the rows an outbox claim picks.
/// Times are stored as fixed-width UTC text, so that text order is time order.
/// </summary>
public abstract class NegotiationStore : INegotiationStore
{
    private const string Columns = "id, title, parties, talks, create_time, update_time, version";

    /// <summary>Appended to the outbox claim's inner SELECT, e.g. a row-locking clause.</summary>
    protected virtual string ClaimLock => "";

    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="exception"/> is a unique or primary key violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    public async Task<CommandRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT resource, fingerprint FROM request_ids WHERE request_id = @request", ("@request", requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new CommandRequest(requestId, reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyList<StoredEvent>> CreateAsync(NegotiationRecord negotiation, EventDraft created, CommandRequest? request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = Sql.Command(connection, transaction,
            $"INSERT INTO negotiations ({Columns}, status) VALUES (@id, @title, @parties, @talks, @created, @updated, @version, @status)",
            Bind(negotiation)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var events = await AppendAsync(connection, transaction, negotiation, [created], request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events;
    }

    public async Task<IReadOnlyList<StoredEvent>?> SaveAsync(NegotiationRecord negotiation, long expectedVersion, IReadOnlyList<EventDraft> events,
        OutboxChange? outbox, CommandRequest? request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = Sql.Command(connection, transaction, """
            UPDATE negotiations SET title = @title, parties = @parties, talks = @talks, update_time = @updated,
                version = @version, status = @status
            WHERE id = @id AND version = @expected
            """, [.. Bind(negotiation), ("@expected", expectedVersion)]))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        if (outbox is not null)
        {
            await using var change = outbox switch
            {
                OutboxChange.Enqueue enqueue => Sql.Command(connection, transaction,
                    "INSERT INTO outbox (commitment, request_id, next_attempt_at) VALUES (@commitment, @request, @at) ON CONFLICT DO NOTHING",
                    ("@commitment", enqueue.Item.Commitment), ("@request", enqueue.Item.RequestId), ("@at", Instant(enqueue.Item.NextAttemptAt))),
                OutboxChange.Retry retry => Sql.Command(connection, transaction,
                    "UPDATE outbox SET next_attempt_at = @at WHERE commitment = @commitment",
                    ("@commitment", retry.Commitment), ("@at", Instant(retry.NextAttemptAt))),
                OutboxChange.Done done => Sql.Command(connection, transaction,
                    "UPDATE outbox SET done = 1 WHERE commitment = @commitment", ("@commitment", done.Commitment)),
                _ => throw new InvalidOperationException($"Unknown outbox change {outbox}."),
            };
            await change.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = await AppendAsync(connection, transaction, negotiation, events, request, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<NegotiationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"SELECT {Columns} FROM negotiations WHERE id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<long?> VersionAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, "SELECT version FROM negotiations WHERE id = @id", ("@id", id));
        return await command.ExecuteScalarAsync(cancellationToken) is { } version and not DBNull
            ? Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    public async Task<IReadOnlyList<NegotiationRecord>> ListAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null, $"""
            SELECT {Columns} FROM negotiations
            WHERE seq > coalesce((SELECT seq FROM negotiations WHERE id = @after), 0)
            ORDER BY seq LIMIT @limit
            """, ("@after", afterId ?? ""), ("@limit", limit));
        return await ReadAllAsync(command, Read, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string negotiationId, long afterSequence, IReadOnlyCollection<EventKindValue> kinds,
        DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var kindFilter = kinds.Count == 0 ? "" : $"AND kind IN ({string.Join(',', kinds.Select(k => (int)k))})";
        await using var command = Sql.Command(connection, null, $"""
            SELECT seq, negotiation_id, kind, subject, time, summary FROM events
            WHERE negotiation_id = @id AND seq > @after AND time >= @from AND time <= @to {kindFilter}
            ORDER BY seq LIMIT @limit
            """,
            ("@id", negotiationId), ("@after", afterSequence), ("@limit", limit),
            ("@from", Instant(since ?? DateTimeOffset.MinValue)), ("@to", Instant(until ?? DateTimeOffset.MaxValue)));
        return await ReadAllAsync(command, reader => new StoredEvent(reader.GetInt64(0), reader.GetString(1), (EventKindValue)reader.GetInt32(2),
            reader.GetString(3), Parse(reader.GetString(4)), reader.GetString(5)), cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxItem>> ClaimDueOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // One statement, so the claim is atomic: SQLite's write lock, or the provider's ClaimLock on the picked rows.
        await using var command = Sql.Command(connection, null, $"""
            UPDATE outbox SET next_attempt_at = @lease
            WHERE commitment IN (
                SELECT commitment FROM outbox WHERE done = 0 AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit {ClaimLock})
            RETURNING commitment, request_id, next_attempt_at
            """, ("@now", Instant(now)), ("@lease", Instant(leaseUntil)), ("@limit", limit));
        return await ReadAllAsync(command, reader => new OutboxItem(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2))), cancellationToken);
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendAsync(DbConnection connection, DbTransaction transaction,
        NegotiationRecord negotiation, IReadOnlyList<EventDraft> events, CommandRequest? request, CancellationToken cancellationToken)
    {
        if (request is not null)
        {
            await using var remember = Sql.Command(connection, transaction,
                "INSERT INTO request_ids (request_id, resource, fingerprint) VALUES (@request, @resource, @fingerprint)",
                ("@request", request.RequestId), ("@resource", request.Resource), ("@fingerprint", request.Fingerprint));
            try
            {
                await remember.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                // The primary key on request_id.
                throw new DuplicateRequestException(request.RequestId);
            }
        }

        var stored = new List<StoredEvent>(events.Count);
        foreach (var draft in events)
        {
            await using var append = Sql.Command(connection, transaction, """
                INSERT INTO events (negotiation_id, kind, subject, time, summary) VALUES (@id, @kind, @subject, @time, @summary)
                RETURNING seq
                """,
                ("@id", negotiation.Id), ("@kind", (int)draft.Kind), ("@subject", draft.Subject),
                ("@time", Instant(negotiation.UpdateTime)), ("@summary", draft.Summary));
            var sequence = Convert.ToInt64(await append.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            stored.Add(new StoredEvent(sequence, negotiation.Id, draft.Kind, draft.Subject, negotiation.UpdateTime, draft.Summary));
        }

        return stored;
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static (string Name, object? Value)[] Bind(NegotiationRecord negotiation) =>
    [
        ("@id", negotiation.Id),
        ("@title", negotiation.Title),
        ("@parties", string.Join(',', negotiation.Parties)),
        ("@talks", JsonSerializer.Serialize(negotiation.Talks, DocumentStore.Json)),
        ("@created", Instant(negotiation.CreateTime)),
        ("@updated", Instant(negotiation.UpdateTime)),
        ("@version", negotiation.Version),
        ("@status", (int)negotiation.Status),
    ];

    private static NegotiationRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2).Split(','),
        JsonSerializer.Deserialize<TalksRecord>(reader.GetString(3), DocumentStore.Json)!,
        Parse(reader.GetString(4)),
        Parse(reader.GetString(5)),
        reader.GetInt64(6));

    private static DateTimeOffset Parse(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    // Fixed-width UTC so that text order is time order.
    private static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
