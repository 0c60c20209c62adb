using System.Globalization;
using Grpc.Core;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<V1.DraftVersion> ProposeDraft(ProposeDraftRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ProposeDraft(request.Parent, request.Draft.BasedOn, request.Draft.Label, request.Draft.ToProvisions(), request.RequestId),
            context.CancellationToken)).ToMessage();

    public override Task<V1.DraftVersion> GetDraftVersion(GetDraftVersionRequest request, ServerCallContext context)
    {
        var parts = request.Name.Split('/');
        var negotiation = $"{parts[0]}/{parts[1]}";
        var version = parts[3] == "latest" ? (int?)null : int.Parse(parts[3], CultureInfo.InvariantCulture);
        return CachedAsync("draft", negotiation, request.Name,
            async token => (await sender.SendAsync(new GetDraft(negotiation, version), token)).ToMessage(), context);
    }

    public override Task<ListDraftVersionsResponse> ListDraftVersions(ListDraftVersionsRequest request, ServerCallContext context) =>
        CachedPageAsync("draft_versions", request.Parent, "drafts", request.PageToken, request.PageSize,
            (page, token) => sender.SendAsync(new ListDrafts(request.Parent, page), token), d => d.Version,
            (page, next) => new ListDraftVersionsResponse { Drafts = { page.Select(d => d.ToMessage()) }, NextPageToken = next }, context);

    public override async Task<CompareDraftsResponse> CompareDrafts(CompareDraftsRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new Application.CompareDrafts(request.Parent, request.FromVersion, request.ToVersion), context.CancellationToken)).ToMessage();

    public override async Task<V1.DraftVersion> RevertDraft(RevertDraftRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new RevertDraft(request.Parent, request.Version, request.Label, request.RequestId), context.CancellationToken)).ToMessage();
}
