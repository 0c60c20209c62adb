using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record RaiseIssue(string Negotiation, string Title, IssueCategoryKind Category, string DemandedBy, string RequestId = "") : IRequest<Issue>;

public sealed record RecordPosition(string Name, Position Position, string RequestId = "") : IRequest<Issue>;

public sealed record ChangeIssueStatus(string Name, IssueStatusKind Status, string RequestId = "") : IRequest<Issue>;

public sealed record GetIssue(string Name) : IRequest<Issue>;

/// <summary>Issues by number; only those in <paramref name="Status"/> unless it is null.</summary>
public sealed record ListIssues(string Negotiation, IssueStatusKind? Status, PageOf Page) : IRequest<IReadOnlyList<Issue>>;

public sealed class RaiseIssueHandler(TalksCommands commands, GetIssueHandler issues) : IHandler<RaiseIssue, Issue>
{
    public Task<Issue> HandleAsync(RaiseIssue command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            var number = await transaction.NextNumberAsync(negotiation.Id, ChildName.Issues, token);
            var (issue, raised) = Issue.Raise(negotiation, number, command.Title, command.Category, command.DemandedBy);
            await transaction.InsertAsync(issue, token);
            return new TalksChange<Issue>(issue, issue.Name, [raised]);
        }, issues.Replay, cancellationToken);
}

public sealed class RecordPositionHandler(TalksCommands commands, GetIssueHandler issues) : IHandler<RecordPosition, Issue>
{
    public Task<Issue> HandleAsync(RecordPosition command, CancellationToken cancellationToken) =>
        commands.RunAsync(ChildName.Parse(command.Name).Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            Speakers.RequireFor(command.Position.Party);
            var issue = await issues.LockedAsync(transaction, command.Name, token);
            var recorded = issue.RecordPosition(negotiation, command.Position);
            await transaction.SavePositionAsync(issue, command.Position, token);
            return new TalksChange<Issue>(issue, issue.Name, [recorded]);
        }, issues.Replay, cancellationToken);
}

public sealed class ChangeIssueStatusHandler(TalksCommands commands, GetIssueHandler issues) : IHandler<ChangeIssueStatus, Issue>
{
    public Task<Issue> HandleAsync(ChangeIssueStatus command, CancellationToken cancellationToken) =>
        commands.RunAsync(ChildName.Parse(command.Name).Negotiation, command.RequestId, command, async (transaction, _, _, token) =>
        {
            var issue = await issues.LockedAsync(transaction, command.Name, token);
            var changed = issue.ChangeStatus(command.Status);
            await transaction.SaveStatusAsync(issue, token);
            return new TalksChange<Issue>(issue, issue.Name, [changed]);
        }, issues.Replay, cancellationToken);
}

public sealed class GetIssueHandler(ITalksStore store) : IHandler<GetIssue, Issue>
{
    private const string Reason = "ISSUE_NOT_FOUND";

    public Task<Issue> HandleAsync(GetIssue query, CancellationToken cancellationToken) =>
        Children.FindAsync(query.Name, Reason, (id, number) => store.GetIssueAsync(id, number, cancellationToken));

    public Task<Issue> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetIssue(name), cancellationToken);

    /// <summary>The issue, read in a write transaction.</summary>
    public Task<Issue> LockedAsync(ITalksTransaction transaction, string name, CancellationToken cancellationToken) =>
        Children.FindAsync(name, Reason, (id, number) => transaction.GetIssueAsync(id, number, cancellationToken));
}

public sealed class ListIssuesHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListIssues, IReadOnlyList<Issue>>
{
    public Task<IReadOnlyList<Issue>> HandleAsync(ListIssues query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListIssuesAsync(id, query.Status, query.Page, cancellationToken), cancellationToken);
}
