using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<V1.Round> ScheduleRound(ScheduleRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ScheduleRound(request.Parent, request.Round.ToPlan(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> StartRound(StartRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new StartRound(request.Name, request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> RecordRoundOutcome(RecordRoundOutcomeRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordRoundOutcome(request.Name, (RoundOutcomeKind)request.Outcome, request.Summary,
            request.EndDate?.ToDateOnly("end_date"), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> CancelRound(CancelRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new CancelRound(request.Name, request.Reason, request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> GetRound(GetRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetRound(request.Name), context.CancellationToken)).ToMessage();

    public override Task<ListRoundsResponse> ListRounds(ListRoundsRequest request, ServerCallContext context) =>
        CachedPageAsync("rounds", request.Parent, "rounds", request.PageToken, request.PageSize,
            (page, token) => sender.SendAsync(new ListRounds(request.Parent, page), token), r => r.Number,
            (page, next) => new ListRoundsResponse { Rounds = { page.Select(r => r.ToMessage()) }, NextPageToken = next }, context);

    public override async Task<V1.Issue> RaiseIssue(RaiseIssueRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RaiseIssue(request.Parent, request.Issue.Title, (IssueCategoryKind)request.Issue.Category, request.Issue.DemandedBy,
            request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Issue> RecordPosition(RecordPositionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordPosition(request.Name, request.Position.ToDomain(), request.RequestId), context.CancellationToken)).ToMessage();

    public override Task<V1.Issue> NarrowIssue(NarrowIssueRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, IssueStatusKind.Narrowed, request.RequestId, context);

    public override Task<V1.Issue> ResolveIssue(ResolveIssueRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, IssueStatusKind.Resolved, request.RequestId, context);

    public override Task<V1.Issue> DropIssue(DropIssueRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, IssueStatusKind.Dropped, request.RequestId, context);

    public override Task<V1.Issue> ReopenIssue(ReopenIssueRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, IssueStatusKind.Open, request.RequestId, context);

    public override async Task<V1.Issue> GetIssue(GetIssueRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetIssue(request.Name), context.CancellationToken)).ToMessage();

    public override Task<ListIssuesResponse> ListIssues(ListIssuesRequest request, ServerCallContext context)
    {
        var status = request.State == V1.IssueState.Unspecified ? (IssueStatusKind?)null : (IssueStatusKind)request.State;
        return CachedPageAsync("issues", request.Parent, $"issues;status={status}", request.PageToken, request.PageSize,
            (page, token) => sender.SendAsync(new ListIssues(request.Parent, status, page), token), i => i.Number,
            (page, next) => new ListIssuesResponse { Issues = { page.Select(i => i.ToMessage()) }, NextPageToken = next }, context);
    }

    private async Task<V1.Issue> ChangeAsync(string name, IssueStatusKind state, string requestId, ServerCallContext context) =>
        (await sender.SendAsync(new ChangeIssueStatus(name, state, requestId), context.CancellationToken)).ToMessage();
}
