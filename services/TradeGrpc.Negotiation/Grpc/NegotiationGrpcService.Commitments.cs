using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<Commitment> RecordCommitment(RecordCommitmentRequest request, ServerCallContext context) =>
        (await desk.RecordCommitmentAsync(request.Parent, request.Commitment.ToRecord(), request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);

    public override async Task<Commitment> UpdateCommitmentStatus(UpdateCommitmentStatusRequest request, ServerCallContext context) =>
        (await desk.UpdateCommitmentStatusAsync(request.Name, (CommitmentStatusKind)request.Status, context.CancellationToken))
            .ToMessage(ChildName.Parse(request.Name).Negotiation);

    public override async Task<ListCommitmentsResponse> ListCommitments(ListCommitmentsRequest request, ServerCallContext context)
    {
        var (page, next) = Slice(await desk.ListCommitmentsAsync(request.Parent, context.CancellationToken), c => c.Number, request.PageToken, request.PageSize, "commitments");
        return new ListCommitmentsResponse { Commitments = { page.Select(c => c.ToMessage(request.Parent)) }, NextPageToken = next };
    }

    public override async Task<CommitmentProgress> RecordPurchases(RecordPurchasesRequest request, ServerCallContext context)
    {
        var p = request.Purchase;
        var entry = new PurchaseEntry(p.PeriodStart.ToDateOnly("purchase.period_start"), p.PeriodEnd.ToDateOnly("purchase.period_end"), p.Amount.ToDecimal(), p.Source);
        return (await desk.RecordPurchasesAsync(request.Name, entry, request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Name);
    }

    public override Task<CommitmentProgress> GetCommitmentProgress(GetCommitmentProgressRequest request, ServerCallContext context) =>
        CachedAsync("commitment_progress", ChildName.Parse(request.Name).Negotiation, request.Name,
            async token => (await desk.GetCommitmentProgressAsync(request.Name, token)).ToMessage(request.Name), context);

    public override async Task<Statement> RecordStatement(RecordStatementRequest request, ServerCallContext context) =>
        (await desk.RecordStatementAsync(request.Parent, request.Statement.ToRecord(), request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);

    public override async Task<ListStatementsResponse> ListStatements(ListStatementsRequest request, ServerCallContext context)
    {
        var (page, next) = Slice(await desk.ListStatementsAsync(request.Parent, context.CancellationToken), s => s.Number, request.PageToken, request.PageSize, "statements");
        return new ListStatementsResponse { Statements = { page.Select(s => s.ToMessage(request.Parent)) }, NextPageToken = next };
    }

    public override async Task<GetDealImpactResponse> GetDealImpact(GetDealImpactRequest request, ServerCallContext context)
    {
        var basket = new QuoteDutyRequest { ImportingCountry = request.ImportingCountry, EntryDate = request.EntryDate, Lines = { request.Lines } };
        var impact = await dealImpact.PriceAsync(request.Name, request.DraftVersion, basket, context.CancellationToken);
        return new GetDealImpactResponse
        {
            DutyBefore = impact.DutyBefore.ToUsd(),
            DutyAfter = impact.DutyAfter.ToUsd(),
            Concessions =
            {
                impact.Concessions.Select(c => new ConcessionImpact
                {
                    Commitment = c.Commitment,
                    Measure = c.Concession.Measure,
                    Action = (ConcessionAction)c.Concession.Action,
                    TradeValue = c.TradeValueUsd?.ToUsd(),
                    RateBefore = c.RateBefore.ToProtoDecimal(),
                    RateAfter = c.RateAfter.ToProtoDecimal(),
                    DutyBefore = c.DutyBefore.ToUsd(),
                    DutyAfter = c.DutyAfter.ToUsd(),
                }),
            },
        };
    }

    public override async Task<Commitment> ImplementConcession(ImplementConcessionRequest request, ServerCallContext context)
    {
        var commitment = await desk.ImplementConcessionAsync(request.Name, context.CancellationToken);
        outbox.Notify();
        return commitment.ToMessage(ChildName.Parse(request.Name).Negotiation);
    }
}
