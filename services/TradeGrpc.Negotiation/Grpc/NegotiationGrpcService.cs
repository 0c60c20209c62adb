using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.ServiceDefaults.Paging;

namespace TradeGrpc.Negotiation.Grpc;

public sealed class NegotiationGrpcService(Negotiations negotiations) : NegotiationService.NegotiationServiceBase
{
    public override async Task<V1.Negotiation> CreateNegotiation(CreateNegotiationRequest request, ServerCallContext context) =>
        ToMessage(await negotiations.CreateAsync(
            request.Negotiation.Title, [.. request.Negotiation.Parties], request.RequestId, context.CancellationToken));

    public override async Task<V1.Negotiation> GetNegotiation(GetNegotiationRequest request, ServerCallContext context) =>
        ToMessage(await negotiations.GetAsync(request.Name, context.CancellationToken));

    public override async Task<ListNegotiationsResponse> ListNegotiations(ListNegotiationsRequest request, ServerCallContext context)
    {
        const string query = "negotiations";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 50);
        var page = await negotiations.ListAsync(after, size + 1, context.CancellationToken);
        var response = new ListNegotiationsResponse();
        response.Negotiations.Add(page.Take(size).Select(ToMessage));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, page[size - 1].Id);
        }

        return response;
    }

    private static V1.Negotiation ToMessage(NegotiationRecord record) => new()
    {
        Name = record.Name,
        Title = record.Title,
        Parties = { record.Parties },
        State = (NegotiationState)record.Status,
        CreateTime = Timestamp.FromDateTimeOffset(record.CreateTime),
        UpdateTime = Timestamp.FromDateTimeOffset(record.UpdateTime),
        Etag = record.Etag,
    };
}
