using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

public sealed partial class NegotiationDesk
{
    public Task<IssueRecord> RaiseIssueAsync(string negotiationName, IssueRecord issue, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, (n, resource) => Find(n.Talks.Issues, i => i.Number, resource, "ISSUE_NOT_FOUND"), (negotiation, _) =>
        {
            RequireParty(negotiation, issue.DemandedBy, "issue.demanded_by");
            var raised = issue with { Number = negotiation.Talks.Issues.Count + 1, Status = IssueStatusKind.Open, Positions = [] };
            var name = ChildName.Of(negotiation.Name, ChildName.Issues, raised.Number);
            return new TalksChange<IssueRecord>(negotiation.Talks with { Issues = [.. negotiation.Talks.Issues, raised] }, raised, name,
                [new EventDraft(EventKindValue.IssueRaised, name, $"{raised.DemandedBy} raised '{raised.Title}' ({raised.Category}).")]);
        }, cancellationToken);

    public Task<IssueRecord> RecordPositionAsync(string name, PositionRecord position, CancellationToken cancellationToken) =>
        ChangeIssueAsync(name, (negotiation, issue) =>
        {
            RequireParty(negotiation, position.Party, "position.party");
            var changed = issue with { Positions = [.. issue.Positions.Where(p => p.Party != position.Party), position] };
            return (changed, new EventDraft(EventKindValue.PositionRecorded, name, $"{position.Party} {position.Stance} on '{issue.Title}'."));
        }, cancellationToken);

    public Task<IssueRecord> UpdateIssueStatusAsync(string name, IssueStatusKind status, CancellationToken cancellationToken) =>
        ChangeIssueAsync(name, (_, issue) =>
            (issue with { Status = status }, new EventDraft(EventKindValue.IssueStatusChanged, name, $"'{issue.Title}' is now {status}.")),
            cancellationToken);

    public async Task<IReadOnlyList<IssueRecord>> ListIssuesAsync(string negotiationName, IssueStatusKind? status, CancellationToken cancellationToken) =>
        [.. (await GetAsync(negotiationName, cancellationToken)).Talks.Issues.Where(i => status is null || i.Status == status)];

    private Task<IssueRecord> ChangeIssueAsync(string name, Func<NegotiationRecord, IssueRecord, (IssueRecord Issue, EventDraft Event)> change, CancellationToken cancellationToken) =>
        ChangeAsync(ChildName.Parse(name).Negotiation, "", "", (_, _) => throw new InvalidOperationException("No request_id, no replay."), (negotiation, _) =>
        {
            var issue = Find(negotiation.Talks.Issues, i => i.Number, name, "ISSUE_NOT_FOUND");
            var (changed, recorded) = change(negotiation, issue);
            return new TalksChange<IssueRecord>(negotiation.Talks with { Issues = Replace(negotiation.Talks.Issues, issue, changed) }, changed, name, [recorded]);
        }, cancellationToken);
}
