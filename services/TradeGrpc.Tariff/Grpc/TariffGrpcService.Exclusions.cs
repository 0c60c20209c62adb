using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

public sealed partial class TariffGrpcService
{
    public override async Task<Exclusion> RequestExclusion(RequestExclusionRequest request, ServerCallContext context)
    {
        var e = request.Exclusion;
        return ToMessage(await sender.SendAsync(new RequestExclusion(e.Measure, e.HtsCode, e.Requester, e.ProductDescription, request.RequestId),
            context.CancellationToken));
    }

    public override async Task<Exclusion> DecideExclusion(DecideExclusionRequest request, ServerCallContext context) =>
        ToMessage(await sender.SendAsync(new DecideExclusion(request.Name, request.Grant, request.Heading,
            request.ValidFrom?.ToDateOnly("valid_from"), request.ValidTo?.ToDateOnly("valid_to")), context.CancellationToken));

    public override async Task<Exclusion> GetExclusion(GetExclusionRequest request, ServerCallContext context) =>
        ToMessage(await sender.SendAsync(new GetExclusion(request.Name), context.CancellationToken));

    public override async Task<ListExclusionsResponse> ListExclusions(ListExclusionsRequest request, ServerCallContext context)
    {
        var status = request.State == ExclusionState.Unspecified ? (ExclusionStatus?)null : (ExclusionStatus)request.State;
        var (page, next) = await PageToken.ReadAsync($"measure={request.Measure};state={request.State}", request.PageToken, request.PageSize, 50,
            (after, limit) => sender.SendAsync(new ListExclusions(request.Measure, status, new PageOf(after, limit)), context.CancellationToken), e => e.Id);
        return new ListExclusionsResponse { Exclusions = { page.Select(ToMessage) }, NextPageToken = next };
    }

    private static Exclusion ToMessage(ExclusionRecord record) => new()
    {
        Name = record.Name,
        Measure = $"{MeasureRecord.CollectionId}/{record.MeasureId}",
        HtsCode = record.HtsCode,
        Requester = record.Requester,
        ProductDescription = record.ProductDescription,
        State = (ExclusionState)record.Status,
        Heading = record.Heading,
        ValidFrom = record.ValidFrom?.ToProtoDate(),
        ValidTo = record.ValidTo?.ToProtoDate(),
        CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
        DecideTime = record.DecideTime is { } decided ? Timestamp.FromDateTimeOffset(decided) : null,
    };
}
