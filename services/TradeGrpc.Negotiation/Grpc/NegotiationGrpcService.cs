using Grpc.Core;
using TradeGrpc.Caching;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

/// <summary>Translates NegotiationService calls into commands and queries and their results back; one partial file per area.</summary>
[BindServiceMethod(typeof(NegotiationServiceBinding), nameof(NegotiationServiceBinding.BindService))]
public sealed partial class NegotiationGrpcService(Sender sender, ReadCache cache, TimelineWatch timeline, PageToken pages) : NegotiationService.NegotiationServiceBase
{
    public override async Task<V1.Negotiation> CreateNegotiation(CreateNegotiationRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new CreateNegotiation(request.Negotiation.Title, [.. request.Negotiation.Parties], request.RequestId), context.CancellationToken))
            .ToMessage();

    public override Task<V1.Negotiation> GetNegotiation(GetNegotiationRequest request, ServerCallContext context) =>
        CachedAsync("negotiation", request.Name, request.Name,
            async token => (await sender.SendAsync(new GetNegotiation(request.Name), token)).ToMessage(), context);

    public override async Task<ListNegotiationsResponse> ListNegotiations(ListNegotiationsRequest request, ServerCallContext context)
    {
        var (page, next) = await pages.ReadAsync("negotiations", request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListNegotiations(new PageOf(after, limit)), context.CancellationToken), n => n.Id);
        return new ListNegotiationsResponse { Negotiations = { page.Select(n => n.ToMessage()) }, NextPageToken = next };
    }

    public override async Task<V1.Negotiation> SetDelegation(SetDelegationRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new SetDelegation(request.Negotiation, request.Delegation.ToDomain(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var filter = new EventFilter([.. request.Kinds.Select(k => (Domain.TalkEventKind)k)],
            request.FromDate?.ToDateOnly("from_date").ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            request.ToDate?.ToDateOnly("to_date").ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc));
        var (page, next) = await pages.ReadAsync($"kinds={string.Join(',', request.Kinds)};from={request.FromDate};to={request.ToDate}",
            request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListEvents(request.Parent, after is null ? 0 : long.Parse(after, System.Globalization.CultureInfo.InvariantCulture), filter, limit),
                context.CancellationToken),
            e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new ListEventsResponse { Events = { page.Select(e => e.ToMessage()) }, NextPageToken = next };
    }

    public override async Task WatchNegotiation(WatchNegotiationRequest request, IServerStreamWriter<NegotiationEvent> responseStream, ServerCallContext context)
    {
        await foreach (var stored in timeline.WatchAsync(request.Name, request.AfterSequence, context.CancellationToken))
        {
            await responseStream.WriteAsync(stored.ToMessage(), context.CancellationToken);
        }
    }

    /// <summary>
    /// A read model of one negotiation, from the cache under the negotiation's stored version: a
    /// read after a write, on any replica, never gets an older model, whether or not the news of the
    /// write has arrived. Entries are dropped whenever the negotiation changes, to free memory. Every call that reads a
    /// model gets the same answer, so its bytes are kept with it and copied (<see cref="KeptAnswers"/>).
    /// </summary>
    private async Task<T> CachedAsync<T>(string model, string negotiationName, string key, Func<CancellationToken, Task<T>> read, ServerCallContext context)
        where T : class, Google.Protobuf.IMessage
    {
        var version = await sender.SendAsync(new GetNegotiationVersion(negotiationName), context.CancellationToken);
        return KeptAnswers.Keep(await cache.GetOrCreateAsync(model, $"{key}@{version}", TalksNews.CacheTag(Domain.Negotiation.IdOf(negotiationName)), read, context.CancellationToken));
    }

    /// <summary>
    /// A page of a negotiation's rounds, issues, drafts or statements, cached as a read model under
    /// the negotiation's version like the negotiation itself (see <see cref="PageAsync"/>).
    /// </summary>
    private Task<TResponse> CachedPageAsync<T, TResponse>(string model, string negotiation, string query, string pageToken, int pageSize,
        Func<PageOf, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, int> number, Func<IReadOnlyList<T>, string, TResponse> respond,
        ServerCallContext context)
        where TResponse : class, Google.Protobuf.IMessage =>
        CachedAsync(model, negotiation, $"{negotiation};{query};{pageSize};{pageToken}",
            token => PageAsync(query, pageToken, pageSize, read, number, respond, token), context);

    /// <summary>A page of a negotiation's rounds, issues, drafts, commitments or statements, keyed by their numbers.</summary>
    /// <param name="query">The list and its filters, bound into its page tokens.</param>
    /// <param name="pageToken">The request's page_token.</param>
    /// <param name="pageSize">The request's page_size.</param>
    /// <param name="read">Reads a page of parts.</param>
    /// <param name="number">A part's number, the key of the next page.</param>
    /// <param name="respond">The response holding a page and the next page's token.</param>
    /// <param name="cancellationToken">The call's cancellation.</param>
    private async Task<TResponse> PageAsync<T, TResponse>(string query, string pageToken, int pageSize,
        Func<PageOf, CancellationToken, Task<IReadOnlyList<T>>> read, Func<T, int> number, Func<IReadOnlyList<T>, string, TResponse> respond,
        CancellationToken cancellationToken)
    {
        var (page, next) = await pages.ReadAsync(query, pageToken, pageSize, (after, limit) => read(new PageOf(after, limit), cancellationToken),
            item => number(item).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return respond(page, next);
    }
}
