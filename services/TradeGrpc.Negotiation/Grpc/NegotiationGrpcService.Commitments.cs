using Grpc.Core;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<V1.Commitment> RecordCommitment(RecordCommitmentRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordCommitment(request.Parent, request.Commitment.ToTerms(request.InitialState), request.RequestId), context.CancellationToken)).ToMessage();

    public override Task<V1.Commitment> ProposeCommitment(ProposeCommitmentRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, CommitmentStatusKind.Proposed, request.RequestId, context);

    public override Task<V1.Commitment> MakeCommitmentOfficial(MakeCommitmentOfficialRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, CommitmentStatusKind.Official, request.RequestId, context);

    public override Task<V1.Commitment> FulfillCommitment(FulfillCommitmentRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, CommitmentStatusKind.Fulfilled, request.RequestId, context);

    public override Task<V1.Commitment> WithdrawCommitment(WithdrawCommitmentRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, CommitmentStatusKind.Withdrawn, request.RequestId, context);

    public override Task<V1.Commitment> BreakCommitment(BreakCommitmentRequest request, ServerCallContext context) =>
        ChangeAsync(request.Name, CommitmentStatusKind.Broken, request.RequestId, context);

    public override async Task<V1.Commitment> GetCommitment(GetCommitmentRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetCommitment(request.Name), context.CancellationToken)).ToMessage();

    // Not cached: a delivery attempt changes a commitment without changing the negotiation's version.
    public override Task<ListCommitmentsResponse> ListCommitments(ListCommitmentsRequest request, ServerCallContext context) =>
        PageAsync("commitments", request.PageToken, request.PageSize,
            (page, token) => sender.SendAsync(new ListCommitments(request.Parent, page), token), c => c.Number,
            (page, next) => new ListCommitmentsResponse { Commitments = { page.Select(c => c.ToMessage()) }, NextPageToken = next },
            context.CancellationToken);

    public override async Task<V1.CommitmentProgress> RecordPurchases(RecordPurchasesRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordPurchases(request.Name, request.Purchase.ToDomain(), request.RequestId), context.CancellationToken)).ToMessage();

    public override Task<V1.CommitmentProgress> GetCommitmentProgress(GetCommitmentProgressRequest request, ServerCallContext context) =>
        CachedAsync("commitment_progress", ChildName.Parse(request.Name).Negotiation, request.Name,
            async token => (await sender.SendAsync(new GetCommitmentProgress(request.Name), token)).ToMessage(), context);

    public override async Task<RecordTradePurchasesResponse> RecordTradePurchases(RecordTradePurchasesRequest request, ServerCallContext context) =>
        (await sender.SendAsync(request.ToCommand(), context.CancellationToken)).ToMessage();

    public override Task<GetPurchaseProgressResponse> GetPurchaseProgress(GetPurchaseProgressRequest request, ServerCallContext context) =>
        CachedAsync("purchase_progress", request.Name, $"{request.Name};{request.Year}",
            async token => (await sender.SendAsync(new Application.GetPurchaseProgress(request.Name, request.Year), token)).ToMessage(), context);

    public override async Task<V1.Statement> RecordStatement(RecordStatementRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RecordStatement(request.Parent, request.Statement.ToText(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<V1.Statement> GetStatement(GetStatementRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetStatement(request.Name), context.CancellationToken)).ToMessage();

    public override Task<ListStatementsResponse> ListStatements(ListStatementsRequest request, ServerCallContext context) =>
        CachedPageAsync("statements", request.Parent, "statements", request.PageToken, request.PageSize,
            (page, token) => sender.SendAsync(new ListStatements(request.Parent, page), token), s => s.Number,
            (page, next) => new ListStatementsResponse { Statements = { page.Select(s => s.ToMessage()) }, NextPageToken = next }, context);

    public override async Task<GetDealImpactResponse> GetDealImpact(GetDealImpactRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new Application.GetDealImpact(request.Name, request.DraftVersion, request.ToBasket()), context.CancellationToken)).ToMessage();

    public override async Task<V1.Commitment> ImplementConcession(ImplementConcessionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ImplementConcession(request.Name), context.CancellationToken)).ToMessage();

    private async Task<V1.Commitment> ChangeAsync(string name, CommitmentStatusKind state, string requestId, ServerCallContext context) =>
        (await sender.SendAsync(new ChangeCommitmentStatus(name, state, requestId), context.CancellationToken)).ToMessage();
}
