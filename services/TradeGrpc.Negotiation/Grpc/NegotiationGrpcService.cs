using Grpc.Core;
using TradeGrpc.Caching;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>Translates NegotiationService calls to the domain and back; one partial file per area.</summary>
public sealed partial class NegotiationGrpcService(NegotiationDesk desk, ReadCache cache, DealImpactCalculator dealImpact, OutboxSignal outbox) : NegotiationService.NegotiationServiceBase
{
    public override async Task<V1.Negotiation> CreateNegotiation(CreateNegotiationRequest request, ServerCallContext context) =>
        (await desk.CreateAsync(request.Negotiation.Title, [.. request.Negotiation.Parties], request.RequestId,
            ProtoValues.Fingerprint(request.Negotiation), context.CancellationToken)).ToMessage();

    public override Task<V1.Negotiation> GetNegotiation(GetNegotiationRequest request, ServerCallContext context) =>
        CachedAsync("negotiation", request.Name, request.Name, async token => (await desk.GetAsync(request.Name, token)).ToMessage(), context);

    public override async Task<ListNegotiationsResponse> ListNegotiations(ListNegotiationsRequest request, ServerCallContext context)
    {
        const string query = "negotiations";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 50);
        var page = await desk.ListAsync(after, size + 1, context.CancellationToken);
        var response = new ListNegotiationsResponse();
        response.Negotiations.Add(page.Take(size).Select(n => n.ToMessage()));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, page[size - 1].Id);
        }

        return response;
    }

    public override async Task<V1.Negotiation> SetDelegation(SetDelegationRequest request, ServerCallContext context) =>
        (await desk.SetDelegationAsync(request.Negotiation, request.Delegation.ToRecord(), context.CancellationToken)).ToMessage();

    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var query = $"kinds={string.Join(',', request.Kinds)};from={request.FromDate};to={request.ToDate}";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 100);
        var events = await desk.ListEventsAsync(request.Parent, after is null ? 0 : long.Parse(after, System.Globalization.CultureInfo.InvariantCulture),
            [.. request.Kinds.Select(k => (EventKindValue)k)], request.FromDate?.ToDateOnly("from_date"), request.ToDate?.ToDateOnly("to_date"),
            size + 1, context.CancellationToken);
        var response = new ListEventsResponse();
        response.Events.Add(events.Take(size).Select(e => e.ToMessage()));
        if (events.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, events[size - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task WatchNegotiation(WatchNegotiationRequest request, IServerStreamWriter<NegotiationEvent> responseStream, ServerCallContext context)
    {
        await foreach (var stored in desk.WatchAsync(request.Name, request.AfterSequence, context.CancellationToken))
        {
            await responseStream.WriteAsync(stored.ToMessage(), context.CancellationToken);
        }
    }

    /// <summary>
    /// A read model of one negotiation, from the cache under the negotiation's stored version: a
    /// read after a write, on any replica, never gets an older model, whether or not the news of the
    /// write has arrived. Entries are dropped whenever the negotiation changes, to free memory.
    /// </summary>
    private async Task<T> CachedAsync<T>(string model, string negotiationName, string key, Func<CancellationToken, Task<T>> read, ServerCallContext context)
    {
        var version = await desk.VersionAsync(negotiationName, context.CancellationToken);
        return await cache.GetOrCreateAsync(model, $"{key}@{version}", NegotiationDesk.CacheTag(NegotiationRecord.IdOf(negotiationName)), read, context.CancellationToken);
    }

    private static (IReadOnlyList<T> Page, string NextToken) Slice<T>(IReadOnlyList<T> items, Func<T, int> number, string token, int pageSize, string query) =>
        PageToken.Slice(items, i => number(i).ToString(System.Globalization.CultureInfo.InvariantCulture), token, pageSize, 50, query);
}
