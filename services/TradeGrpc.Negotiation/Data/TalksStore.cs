using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Storage;
using static TradeGrpc.Negotiation.Data.TalksRows;

namespace TradeGrpc.Negotiation.Data;

/// <summary>The talks in SQL both providers speak, read with Dapper; each read finds its rows by key or index.</summary>
public sealed class TalksStore(Database database) : ITalksStore
{
    public Task<ITalksTransaction> BeginAsync(CancellationToken cancellationToken) => TalksTransaction.BeginAsync(database, cancellationToken);

    public Task<RecordedRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken) => database.FindRequestAsync(requestId, cancellationToken);

    public async Task<Domain.Negotiation?> GetAsync(string negotiationId, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<NegotiationRow>($"SELECT {NegotiationColumns} FROM negotiations WHERE id = @negotiationId",
            new { negotiationId }, cancellationToken))?.ToDomain();

    public Task<long?> VersionAsync(string negotiationId, CancellationToken cancellationToken) =>
        database.ReadNumberAsync("SELECT version FROM negotiations WHERE id = @key", negotiationId, cancellationToken);

    public async Task<IReadOnlyList<Domain.Negotiation>> ListAsync(PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<NegotiationRow>($"""
            SELECT {NegotiationColumns} FROM negotiations
            WHERE seq > coalesce((SELECT seq FROM negotiations WHERE id = @After), 0)
            ORDER BY seq LIMIT @Limit
            """, page, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<Round?> GetRoundAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<RoundRow>($"SELECT {RoundColumns} FROM rounds WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<Round>> ListRoundsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<RoundRow>($"""
            SELECT {RoundColumns} FROM rounds
            WHERE negotiation_id = @negotiationId
              AND (@after IS NULL OR (start_date, number) > (SELECT start_date, number FROM rounds WHERE negotiation_id = @negotiationId AND number = @after))
            ORDER BY start_date, number LIMIT @limit
            """, new { negotiationId, after = Number(page.After), limit = page.Limit }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<Issue?> GetIssueAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await ListIssuesAsync(negotiationId, "number = @number", new { negotiationId, number }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Issue>> ListIssuesAsync(string negotiationId, IssueStatusKind? status, PageOf page, CancellationToken cancellationToken) =>
        ListIssuesAsync(negotiationId, "(@status IS NULL OR status = @status) AND number > @after ORDER BY number LIMIT @limit",
            new { negotiationId, status = (int?)status, after = Number(page.After) ?? 0, limit = page.Limit }, cancellationToken);

    public async Task<DraftVersion?> GetDraftAsync(string negotiationId, int? version, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<DraftRow>(version is null
            ? $"SELECT {DraftColumns} FROM drafts WHERE negotiation_id = @negotiationId ORDER BY version DESC LIMIT 1"
            : $"SELECT {DraftColumns} FROM drafts WHERE negotiation_id = @negotiationId AND version = @version",
            new { negotiationId, version }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<DraftVersion>> ListDraftsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<DraftRow>($"""
            SELECT {DraftColumns} FROM drafts WHERE negotiation_id = @negotiationId AND version > @after ORDER BY version LIMIT @limit
            """, new { negotiationId, after = Number(page.After) ?? 0, limit = page.Limit }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<Commitment?> GetCommitmentAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<CommitmentRow>($"SELECT {CommitmentColumns} FROM commitments WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<Commitment>> ListCommitmentsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<CommitmentRow>($"""
            SELECT {CommitmentColumns} FROM commitments WHERE negotiation_id = @negotiationId AND number > @after ORDER BY number LIMIT @limit
            """, new { negotiationId, after = Number(page.After) ?? 0, limit = page.Limit }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<Commitment>> ListLiveConcessionsAsync(string negotiationId, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<CommitmentRow>($"""
            SELECT {CommitmentColumns} FROM commitments
            WHERE negotiation_id = @negotiationId AND concession IS NOT NULL AND status NOT IN (@withdrawn, @broken) ORDER BY number
            """, new { negotiationId, withdrawn = (int)CommitmentStatusKind.Withdrawn, broken = (int)CommitmentStatusKind.Broken }, cancellationToken))
            .Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<Commitment>> ListPurchaseCommitmentsAsync(string negotiationId, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<CommitmentRow>($"""
            SELECT {CommitmentColumns} FROM commitments WHERE negotiation_id = @negotiationId AND kind = @purchase ORDER BY number
            """, new { negotiationId, purchase = (int)CommitmentType.Purchase }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<Purchase>> ListPurchasesAsync(string negotiationId, int commitment, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<PurchaseRow>($"""
            SELECT {PurchaseColumns} FROM purchases
            WHERE negotiation_id = @negotiationId AND commitment_number = @commitment ORDER BY seq
            """, new { negotiationId, commitment }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<ILookup<int, Purchase>> ListPurchasesAsync(string negotiationId, CancellationToken cancellationToken) =>
        (await database.QueryAsync<PurchaseRow>($"""
            SELECT {PurchaseColumns} FROM purchases WHERE negotiation_id = @negotiationId ORDER BY commitment_number, seq
            """, new { negotiationId }, cancellationToken)).ToLookup(r => r.CommitmentNumber, r => r.ToDomain());

    public async Task<Statement?> GetStatementAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<StatementRow>($"SELECT {StatementColumns} FROM statements WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<Statement>> ListStatementsAsync(string negotiationId, PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<StatementRow>($"""
            SELECT {StatementColumns} FROM statements WHERE negotiation_id = @negotiationId AND number > @after ORDER BY number LIMIT @limit
            """, new { negotiationId, after = Number(page.After) ?? 0, limit = page.Limit }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<StoredEvent>> ListEventsAsync(string negotiationId, long afterSequence, EventFilter filter, int limit, CancellationToken cancellationToken)
    {
        var kinds = filter.Kinds.Count == 0 ? "" : $"AND kind IN ({string.Join(',', filter.Kinds.Select(k => (int)k))})";
        return [.. (await database.QueryAsync<EventRow>($"""
            SELECT {EventColumns} FROM events
            WHERE negotiation_id = @negotiationId AND seq > @afterSequence AND time >= @since AND time <= @until {kinds}
            ORDER BY seq LIMIT @limit
            """,
            new { negotiationId, afterSequence, limit, since = filter.Since ?? DateTimeOffset.MinValue, until = filter.Until ?? DateTimeOffset.MaxValue },
            cancellationToken)).Select(r => r.ToDomain())];
    }

    public async Task<IReadOnlyList<ClaimedOutboxItem>> ClaimDueOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        // PostgreSQL: replicas claiming at once each take other rows than the ones another claim holds.
        var skipLocked = database.Provider == StoreProvider.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        // One statement, so the claim is atomic: SQLite's write lock, or the rows PostgreSQL locked for it.
        return [.. (await database.QueryAsync<OutboxRow>($"""
            UPDATE outbox SET next_attempt_at = @leaseUntil
            WHERE commitment IN (
                SELECT commitment FROM outbox WHERE done = 0 AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit {skipLocked})
            RETURNING commitment, request_id, next_attempt_at, trace_parent
            """, new { now, leaseUntil, limit }, cancellationToken)).Select(r => r.ToClaimed())];
    }

    public async Task<long> CountOutboxAsync(CancellationToken cancellationToken) =>
        (await database.QueryAsync<long>("SELECT COUNT(*) FROM outbox WHERE done = 0", null, cancellationToken))[0];

    private async Task<IReadOnlyList<Issue>> ListIssuesAsync(string negotiationId, string where, object parameters, CancellationToken cancellationToken)
    {
        var issues = await database.QueryAsync<IssueRow>($"SELECT {IssueColumns} FROM issues WHERE negotiation_id = @negotiationId AND {where}", parameters, cancellationToken);
        if (issues.Count == 0)
        {
            return [];
        }

        var positions = (await database.QueryAsync<PositionRow>($"""
            SELECT {PositionColumns} FROM positions
            WHERE negotiation_id = @negotiationId AND issue_number >= @first AND issue_number <= @last ORDER BY seq
            """, new { negotiationId, first = issues[0].Number, last = issues[^1].Number }, cancellationToken)).ToLookup(p => p.IssueNumber);
        return [.. issues.Select(i => i.ToDomain([.. positions[i.Number].Select(p => p.ToDomain())]))];
    }

    private static int? Number(string? key) => key is null ? null : int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
}
