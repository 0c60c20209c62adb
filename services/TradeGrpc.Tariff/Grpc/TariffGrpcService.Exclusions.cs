using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

public sealed partial class TariffGrpcService
{
    public override async Task<Exclusion> RequestExclusion(RequestExclusionRequest request, ServerCallContext context)
    {
        var e = request.Exclusion;
        return ToMessage(await exclusions.RequestAsync(e.Measure, e.HtsCode, e.Requester, e.ProductDescription, request.RequestId,
            ProtoValues.Fingerprint(request), context.CancellationToken));
    }

    public override async Task<Exclusion> DecideExclusion(DecideExclusionRequest request, ServerCallContext context) =>
        ToMessage(await exclusions.DecideAsync(request.Name, request.Grant, request.Heading,
            request.ValidFrom?.ToDateOnly("valid_from"), request.ValidTo?.ToDateOnly("valid_to"), context.CancellationToken));

    public override Task<Exclusion> GetExclusion(GetExclusionRequest request, ServerCallContext context) =>
        Task.FromResult(ToMessage(exclusions.Get(request.Name)));

    public override Task<ListExclusionsResponse> ListExclusions(ListExclusionsRequest request, ServerCallContext context)
    {
        var query = $"measure={request.Measure};state={request.State}";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 50);
        var status = request.State == ExclusionState.Unspecified ? (ExclusionStatus?)null : (ExclusionStatus)request.State;
        var page = exclusions.List(request.Measure, status, after, size + 1);
        var response = new ListExclusionsResponse();
        response.Exclusions.Add(page.Take(size).Select(ToMessage));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, page[size - 1].Id);
        }

        return Task.FromResult(response);
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
