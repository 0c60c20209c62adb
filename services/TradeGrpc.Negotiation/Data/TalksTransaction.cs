using System.Data.Common;
using System.Diagnostics;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Storage;
using static TradeGrpc.Negotiation.Data.TalksRows;

namespace TradeGrpc.Negotiation.Data;

/// <summary>
/// A write transaction on the talks. <see cref="LockAsync"/> comes first in every command: on
/// PostgreSQL it locks the negotiation's row, on SQLite the transaction holds the write lock from
/// its start, so the reads that follow are never made stale by another writer of the negotiation.
/// </summary>
internal sealed class TalksTransaction : StoreTransaction, ITalksTransaction
{
    private TalksTransaction(Database database, DbConnection connection, DbTransaction transaction) : base(database, connection, transaction)
    {
    }

    public static async Task<ITalksTransaction> BeginAsync(Database database, CancellationToken cancellationToken) =>
        await BeginAsync(database, (connection, transaction) => new TalksTransaction(database, connection, transaction), cancellationToken);

    public Task InsertAsync(Domain.Negotiation negotiation, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO negotiations ({NegotiationColumns}) VALUES (@Id, @Title, @Parties, @Delegations, @State, @CreateTime, @UpdateTime, @Version)",
            Row(negotiation), cancellationToken);

    public async Task<Domain.Negotiation?> LockAsync(string negotiationId, CancellationToken cancellationToken) =>
        (await FirstOrDefaultAsync<NegotiationRow>($"SELECT {NegotiationColumns} FROM negotiations WHERE id = @negotiationId {Database.LockRows}",
            new { negotiationId }, cancellationToken))?.ToDomain();

    public Task SaveAsync(Domain.Negotiation negotiation, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE negotiations SET delegations = @Delegations, state = @State, update_time = @UpdateTime, version = @Version WHERE id = @Id",
            Row(negotiation), cancellationToken);

    public Task<int> NextNumberAsync(string negotiationId, string collection, CancellationToken cancellationToken) =>
        ScalarAsync<int>($"SELECT coalesce(max({NumberOf(collection)}), 0) + 1 FROM {TableOf(collection)} WHERE negotiation_id = @negotiationId",
            new { negotiationId }, cancellationToken);

    public async Task<IReadOnlySet<int>> ExistingAsync(string negotiationId, string collection, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken)
    {
        if (numbers.Count == 0)
        {
            return new HashSet<int>();
        }

        var column = NumberOf(collection);
        return (await QueryAsync<int>(
            $"SELECT {column} FROM {TableOf(collection)} WHERE negotiation_id = @negotiationId AND {column} IN ({string.Join(',', numbers)})",
            new { negotiationId }, cancellationToken)).ToHashSet();
    }

    public async Task<Round?> GetRoundAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await FirstOrDefaultAsync<RoundRow>($"SELECT {RoundColumns} FROM rounds WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<Round>> ListRoundsAsync(string negotiationId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<RoundRow>($"SELECT {RoundColumns} FROM rounds WHERE negotiation_id = @negotiationId ORDER BY number",
            new { negotiationId }, cancellationToken)).Select(r => r.ToDomain())];

    public Task InsertAsync(Round round, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO rounds ({RoundColumns})
            VALUES (@NegotiationId, @Number, @VenueCity, @VenueCountry, @Format, @StartDate, @EndDate, @Participants, @Status, @Outcome, @Summary, @Version)
            """, Row(round), cancellationToken);

    public Task SaveAsync(Round round, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE rounds SET end_date = @EndDate, status = @Status, outcome = @Outcome, summary = @Summary, version = @Version
            WHERE negotiation_id = @NegotiationId AND number = @Number
            """, Row(round), cancellationToken);

    public async Task<Issue?> GetIssueAsync(string negotiationId, int number, CancellationToken cancellationToken)
    {
        var row = await FirstOrDefaultAsync<IssueRow>($"SELECT {IssueColumns} FROM issues WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var positions = await QueryAsync<PositionRow>($"SELECT {PositionColumns} FROM positions WHERE negotiation_id = @negotiationId AND issue_number = @number ORDER BY seq",
            new { negotiationId, number }, cancellationToken);
        return row.ToDomain([.. positions.Select(p => p.ToDomain())]);
    }

    public Task InsertAsync(Issue issue, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO issues ({IssueColumns}) VALUES (@NegotiationId, @Number, @Title, @Category, @DemandedBy, @Status)",
            new
            {
                NegotiationId = Domain.Negotiation.IdOf(issue.NegotiationName), issue.Number, issue.Title, Category = (int)issue.Category,
                issue.DemandedBy, Status = (int)issue.Status,
            }, cancellationToken);

    public Task SaveStatusAsync(Issue issue, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE issues SET status = @Status WHERE negotiation_id = @NegotiationId AND number = @Number",
            new { NegotiationId = Domain.Negotiation.IdOf(issue.NegotiationName), issue.Number, Status = (int)issue.Status }, cancellationToken);

    public async Task SavePositionAsync(Issue issue, Position position, CancellationToken cancellationToken)
    {
        var key = new { NegotiationId = Domain.Negotiation.IdOf(issue.NegotiationName), IssueNumber = issue.Number, position.Party };
        await ExecuteAsync("DELETE FROM positions WHERE negotiation_id = @NegotiationId AND issue_number = @IssueNumber AND party = @Party", key, cancellationToken);
        await ExecuteAsync("""
            INSERT INTO positions (negotiation_id, issue_number, party, stance, text, position_date)
            VALUES (@NegotiationId, @IssueNumber, @Party, @Stance, @Text, @Date)
            """, new { key.NegotiationId, key.IssueNumber, key.Party, Stance = (int)position.Stance, position.Text, position.Date }, cancellationToken);
    }

    public async Task<DraftVersion?> GetDraftAsync(string negotiationId, int version, CancellationToken cancellationToken) =>
        (await FirstOrDefaultAsync<DraftRow>($"SELECT {DraftColumns} FROM drafts WHERE negotiation_id = @negotiationId AND version = @version",
            new { negotiationId, version }, cancellationToken))?.ToDomain();

    public Task InsertAsync(DraftVersion draft, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO drafts ({DraftColumns}) VALUES (@NegotiationId, @Version, @BasedOn, @Label, @Provisions, @RevertedTo, @CreateTime)",
            new
            {
                NegotiationId = Domain.Negotiation.IdOf(draft.NegotiationName), draft.Version, draft.BasedOn, draft.Label,
                Provisions = ToJson(draft.Provisions), draft.RevertedTo, draft.CreateTime,
            }, cancellationToken);

    public async Task<Commitment?> GetCommitmentAsync(string negotiationId, int number, CancellationToken cancellationToken) =>
        (await FirstOrDefaultAsync<CommitmentRow>($"SELECT {CommitmentColumns} FROM commitments WHERE negotiation_id = @negotiationId AND number = @number",
            new { negotiationId, number }, cancellationToken))?.ToDomain();

    public Task InsertAsync(Commitment commitment, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO commitments ({CommitmentColumns})
            VALUES (@NegotiationId, @Number, @Party, @Kind, @Status, @Description, @Purchase, @Concession, @Delivery, @Version)
            """, Row(commitment), cancellationToken);

    public Task SaveAsync(Commitment commitment, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE commitments SET status = @Status, delivery = @Delivery, version = @Version
            WHERE negotiation_id = @NegotiationId AND number = @Number
            """, Row(commitment), cancellationToken);

    public async Task InsertAsync(Commitment commitment, IReadOnlyList<Purchase> purchases, CancellationToken cancellationToken)
    {
        foreach (var purchase in purchases)
        {
            await ExecuteAsync($"""
                INSERT INTO purchases (negotiation_id, {PurchaseColumns})
                VALUES (@NegotiationId, @Number, @PeriodStart, @PeriodEnd, @AmountUsd, @Source, @Basis, @HsCode)
                """,
                new
                {
                    NegotiationId = Domain.Negotiation.IdOf(commitment.NegotiationName), commitment.Number, purchase.PeriodStart, purchase.PeriodEnd,
                    purchase.AmountUsd, purchase.Source, Basis = (int)purchase.Basis, purchase.HsCode,
                },
                cancellationToken);
        }
    }

    public Task InsertAsync(Statement statement, CancellationToken cancellationToken)
    {
        var text = statement.Text;
        return ExecuteAsync($"""
            INSERT INTO statements ({StatementColumns})
            VALUES (@NegotiationId, @Number, @SpeakerName, @SpeakerTitle, @SpeakerParty, @Attribution, @Quote, @Date, @Source, @Issues, @Commitments)
            """,
            new
            {
                NegotiationId = Domain.Negotiation.IdOf(statement.NegotiationName), statement.Number, SpeakerName = text.Speaker.Name,
                SpeakerTitle = text.Speaker.Title, SpeakerParty = text.Speaker.Party, Attribution = (int)text.Attribution, text.Quote, text.Date, text.Source,
                Issues = ToJson(text.Issues), Commitments = ToJson(text.Commitments),
            }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(Domain.Negotiation negotiation, IReadOnlyList<TalkEvent> events, Identity.Actor actor,
        CancellationToken cancellationToken)
    {
        var stored = new List<StoredEvent>(events.Count);
        foreach (var recorded in events)
        {
            var sequence = await ScalarAsync<long>("""
                INSERT INTO events (negotiation_id, kind, subject, time, summary, actor) VALUES (@Id, @Kind, @Subject, @Time, @Summary, @Actor) RETURNING seq
                """, new { negotiation.Id, Kind = (int)recorded.Kind, recorded.Subject, Time = negotiation.UpdateTime, recorded.Summary, Actor = ToJson(actor) },
                cancellationToken);
            stored.Add(new StoredEvent(sequence, negotiation.Id, recorded.Kind, recorded.Subject, negotiation.UpdateTime, recorded.Summary, actor));
        }

        return stored;
    }

    // The call's own activity (ASP.NET Core makes one for every request) is the trace the relay's attempts link to.
    public Task EnqueueAsync(OutboxItem item, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO outbox (commitment, request_id, next_attempt_at, trace_parent) VALUES (@Commitment, @RequestId, @NextAttemptAt, @TraceParent)
            ON CONFLICT DO NOTHING
            """, new { item.Commitment, item.RequestId, item.NextAttemptAt, TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } call ? call.Id : null },
            cancellationToken);

    public Task RescheduleAsync(string commitment, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET next_attempt_at = @nextAttemptAt WHERE commitment = @commitment", new { commitment, nextAttemptAt }, cancellationToken);

    public Task CompleteAsync(string commitment, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET done = 1 WHERE commitment = @commitment", new { commitment }, cancellationToken);

    private static object Row(Domain.Negotiation negotiation) => new
    {
        negotiation.Id, negotiation.Title, Parties = string.Join(',', negotiation.Parties), Delegations = ToJson(negotiation.Delegations),
        State = (int)negotiation.State, negotiation.CreateTime, negotiation.UpdateTime, negotiation.Version,
    };

    private static object Row(Round round) => new
    {
        NegotiationId = Domain.Negotiation.IdOf(round.NegotiationName), round.Number, round.Plan.VenueCity, round.Plan.VenueCountry,
        Format = (int)round.Plan.Format, round.Plan.StartDate, round.Plan.EndDate, Participants = ToJson(round.Plan.Participants),
        Status = (int)round.Status, Outcome = (int?)round.Outcome, round.Summary, round.Version,
    };

    private static object Row(Commitment commitment) => new
    {
        NegotiationId = Domain.Negotiation.IdOf(commitment.NegotiationName), commitment.Number, commitment.Party, Kind = (int)commitment.Type,
        Status = (int)commitment.Status, commitment.Terms.Description,
        Purchase = commitment.Terms.Purchase is { } purchase ? ToJson(purchase) : null,
        Concession = commitment.Terms.Concession is { } concession ? ToJson(concession) : null,
        Delivery = commitment.Delivery is { } delivery ? ToJson(delivery) : null,
        commitment.Version,
    };
}
