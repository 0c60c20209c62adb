using System.Globalization;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Grpc;

public sealed partial class NegotiationGrpcService
{
    public override async Task<DraftVersion> ProposeDraft(ProposeDraftRequest request, ServerCallContext context) =>
        (await desk.ProposeDraftAsync(request.Parent, request.Draft.ToRecord(), request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);

    public override Task<DraftVersion> GetDraft(GetDraftRequest request, ServerCallContext context)
    {
        var parts = request.Name.Split('/');
        var negotiation = $"{parts[0]}/{parts[1]}";
        var version = parts[3] == "latest" ? (int?)null : int.Parse(parts[3], CultureInfo.InvariantCulture);
        return CachedAsync("draft", negotiation, request.Name, async token => (await desk.GetDraftAsync(negotiation, version, token)).ToMessage(negotiation), context);
    }

    public override async Task<ListDraftVersionsResponse> ListDraftVersions(ListDraftVersionsRequest request, ServerCallContext context)
    {
        var (page, next) = Slice(await desk.ListDraftsAsync(request.Parent, context.CancellationToken), d => d.Version, request.PageToken, request.PageSize, "drafts");
        return new ListDraftVersionsResponse { Drafts = { page.Select(d => d.ToMessage(request.Parent)) }, NextPageToken = next };
    }

    public override async Task<CompareDraftsResponse> CompareDrafts(CompareDraftsRequest request, ServerCallContext context)
    {
        var (from, to, changes) = await desk.CompareDraftsAsync(request.Parent, request.FromVersion, request.ToVersion, context.CancellationToken);
        return new CompareDraftsResponse
        {
            FromProgress = Drafts.Progress(from).ToMessage(),
            ToProgress = Drafts.Progress(to).ToMessage(),
            Changes =
            {
                changes.Select(c => new ProvisionChange
                {
                    Key = c.Key, Kind = (V1.ProvisionChangeKind)c.Kind, Before = c.Before?.ToMessage(), After = c.After?.ToMessage(),
                }),
            },
        };
    }

    public override async Task<DraftVersion> RevertDraft(RevertDraftRequest request, ServerCallContext context) =>
        (await desk.RevertDraftAsync(request.Parent, request.Version, request.Label, request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(request.Parent);
}
