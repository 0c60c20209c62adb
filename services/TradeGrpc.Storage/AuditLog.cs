using TradeGrpc.Identity;

namespace TradeGrpc.Storage;

/// <summary>One attempt to change something: who, what, and how it ended (<c>OK</c>, or a status code and the error's reason).</summary>
public sealed record AuditRecord(long Sequence, DateTimeOffset Time, string Method, Actor Actor, string Resource, string RequestId, string Outcome, string Reason);

/// <summary>Which entries to read: only those matching each filter that is set.</summary>
public sealed record AuditFilter(string Method, string Subject, string Outcome, DateTimeOffset? Since, DateTimeOffset? Until);

/// <summary>The store's audit trail (<c>audit_log</c>): appended to, read, never changed.</summary>
public sealed class AuditLog(Database database)
{
    private const string Columns = "seq AS Sequence, time, method, subject, organisation, credential, resource, request_id AS RequestId, outcome, reason";

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        database.ExecuteAsync("""
            INSERT INTO audit_log (time, method, subject, organisation, credential, resource, request_id, outcome, reason)
            VALUES (@Time, @Method, @Subject, @Organisation, @Credential, @Resource, @RequestId, @Outcome, @Reason)
            """,
            new
            {
                record.Time, record.Method, record.Actor.Subject, record.Actor.Organisation, Credential = (int)record.Actor.Credential, record.Resource,
                record.RequestId, record.Outcome, record.Reason,
            }, cancellationToken);

    /// <summary>The entries after <paramref name="afterSequence"/> that pass <paramref name="filter"/>, at most <paramref name="limit"/>, oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditFilter filter, long afterSequence, int limit, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<Row>($"""
            SELECT {Columns} FROM audit_log
            WHERE seq > @afterSequence AND (@Method = '' OR method = @Method) AND (@Subject = '' OR subject = @Subject) AND (@Outcome = '' OR outcome = @Outcome)
              AND time >= @since AND time <= @until
            ORDER BY seq LIMIT @limit
            """,
            new
            {
                afterSequence, filter.Method, filter.Subject, filter.Outcome, limit,
                since = filter.Since ?? DateTimeOffset.MinValue, until = filter.Until ?? DateTimeOffset.MaxValue,
            }, cancellationToken)).Select(r => r.ToRecord())];

    private sealed class Row
    {
        public long Sequence { get; init; }
        public DateTimeOffset Time { get; init; }
        public string Method { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Organisation { get; init; } = "";
        public int Credential { get; init; }
        public string Resource { get; init; } = "";
        public string RequestId { get; init; } = "";
        public string Outcome { get; init; } = "";
        public string Reason { get; init; } = "";

        public AuditRecord ToRecord() =>
            new(Sequence, Time, Method, new Actor(Subject, Organisation, (CredentialKind)Credential), Resource, RequestId, Outcome, Reason);
    }
}
