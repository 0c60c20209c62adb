using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<Round> ScheduleRound(ScheduleRoundRequest request, ServerCallContext context) =>
        (await desk.ScheduleRoundAsync(request.Parent, request.Round.ToRecord(), request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);

    public override async Task<Round> StartRound(StartRoundRequest request, ServerCallContext context) =>
        (await desk.StartRoundAsync(request.Name, context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<Round> RecordRoundOutcome(RecordRoundOutcomeRequest request, ServerCallContext context) =>
        (await desk.RecordRoundOutcomeAsync(request.Name, (RoundOutcomeKind)request.Outcome, request.Summary,
            request.EndDate?.ToDateOnly("end_date"), context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<Round> CancelRound(CancelRoundRequest request, ServerCallContext context) =>
        (await desk.CancelRoundAsync(request.Name, request.Reason, context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<Round> GetRound(GetRoundRequest request, ServerCallContext context) =>
        (await desk.GetRoundAsync(request.Name, context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<ListRoundsResponse> ListRounds(ListRoundsRequest request, ServerCallContext context)
    {
        var (page, next) = Slice(await desk.ListRoundsAsync(request.Parent, context.CancellationToken), r => r.Number, request.PageToken, request.PageSize, "rounds");
        return new ListRoundsResponse { Rounds = { page.Select(r => r.ToMessage(request.Parent)) }, NextPageToken = next };
    }

    public override async Task<Issue> RaiseIssue(RaiseIssueRequest request, ServerCallContext context)
    {
        var issue = request.Issue;
        var record = new IssueRecord(0, issue.Title, (IssueCategoryKind)issue.Category, issue.DemandedBy, IssueStatusKind.Open, []);
        return (await desk.RaiseIssueAsync(request.Parent, record, request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);
    }

    public override async Task<Issue> RecordPosition(RecordPositionRequest request, ServerCallContext context) =>
        (await desk.RecordPositionAsync(request.Name, request.Position.ToRecord(), context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<Issue> UpdateIssueStatus(UpdateIssueStatusRequest request, ServerCallContext context) =>
        (await desk.UpdateIssueStatusAsync(request.Name, (IssueStatusKind)request.Status, context.CancellationToken)).ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<ListIssuesResponse> ListIssues(ListIssuesRequest request, ServerCallContext context)
    {
        var status = request.Status == V1.IssueStatus.Unspecified ? (IssueStatusKind?)null : (IssueStatusKind)request.Status;
        var (page, next) = Slice(await desk.ListIssuesAsync(request.Parent, status, context.CancellationToken), i => i.Number, request.PageToken, request.PageSize, $"issues;status={status}");
        return new ListIssuesResponse { Issues = { page.Select(i => i.ToMessage(request.Parent)) }, NextPageToken = next };
    }
}
