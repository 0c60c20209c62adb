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
        (await sender.SendAsync(new StartRound(request.Name, ""), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> RecordRoundOutcome(RecordRoundOutcomeRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordRoundOutcome(request.Name, (RoundOutcomeKind)request.Outcome, request.Summary,
            request.EndDate?.ToDateOnly("end_date"), ""), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> CancelRound(CancelRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new CancelRound(request.Name, request.Reason, ""), context.CancellationToken)).ToMessage();

    public override async Task<V1.Round> GetRound(GetRoundRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetRound(request.Name), context.CancellationToken)).ToMessage();

    public override async Task<ListRoundsResponse> ListRounds(ListRoundsRequest request, ServerCallContext context)
    {
        var (page, next) = await PageAsync("rounds", request.PageToken, request.PageSize,
            page => sender.SendAsync(new ListRounds(request.Parent, page), context.CancellationToken), r => r.Number);
        return new ListRoundsResponse { Rounds = { page.Select(r => r.ToMessage()) }, NextPageToken = next };
    }

    public override async Task<V1.Issue> RaiseIssue(RaiseIssueRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RaiseIssue(request.Parent, request.Issue.Title, (IssueCategoryKind)request.Issue.Category, request.Issue.DemandedBy,
            request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Issue> RecordPosition(RecordPositionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordPosition(request.Name, request.Position.ToDomain(), ""), context.CancellationToken)).ToMessage();

    public override async Task<V1.Issue> UpdateIssueStatus(UpdateIssueStatusRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ChangeIssueStatus(request.Name, (IssueStatusKind)request.Status, ""), context.CancellationToken)).ToMessage();

    public override async Task<ListIssuesResponse> ListIssues(ListIssuesRequest request, ServerCallContext context)
    {
        var status = request.Status == V1.IssueStatus.Unspecified ? (IssueStatusKind?)null : (IssueStatusKind)request.Status;
        var (page, next) = await PageAsync($"issues;status={status}", request.PageToken, request.PageSize,
            page => sender.SendAsync(new ListIssues(request.Parent, status, page), context.CancellationToken), i => i.Number);
        return new ListIssuesResponse { Issues = { page.Select(i => i.ToMessage()) }, NextPageToken = next };
    }
}
