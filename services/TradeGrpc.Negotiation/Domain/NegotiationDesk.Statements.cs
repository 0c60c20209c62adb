using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

public sealed partial class NegotiationDesk
{
    public Task<StatementRecord> RecordStatementAsync(string negotiationName, StatementRecord statement, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, (n, resource) => Find(n.Talks.Statements, s => s.Number, resource, "STATEMENT_NOT_FOUND"), (negotiation, _) =>
        {
            foreach (var issue in statement.Issues)
            {
                FindLinked(negotiation, negotiation.Talks.Issues, i => i.Number, issue, "ISSUE_NOT_FOUND");
            }

            foreach (var commitment in statement.Commitments)
            {
                FindLinked(negotiation, negotiation.Talks.Commitments, c => c.Number, commitment, "COMMITMENT_NOT_FOUND");
            }

            var recorded = statement with { Number = negotiation.Talks.Statements.Count + 1 };
            var name = ChildName.Of(negotiation.Name, ChildName.Statements, recorded.Number);
            var speaker = recorded.Speaker.Name.Length > 0 ? recorded.Speaker.Name : recorded.Attribution.ToString();
            return new TalksChange<StatementRecord>(negotiation.Talks with { Statements = [.. negotiation.Talks.Statements, recorded] }, recorded, name,
                [new EventDraft(EventKindValue.StatementRecorded, name, $"{speaker} on {recorded.Date:yyyy-MM-dd}: \"{recorded.Quote}\"")]);
        }, cancellationToken);

    public async Task<IReadOnlyList<StatementRecord>> ListStatementsAsync(string negotiationName, CancellationToken cancellationToken) =>
        (await GetAsync(negotiationName, cancellationToken)).Talks.Statements;
}
