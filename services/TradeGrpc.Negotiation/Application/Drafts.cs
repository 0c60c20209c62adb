using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record ProposeDraft(string Negotiation, int BasedOn, string Label, IReadOnlyList<Provision> Provisions, string RequestId = "") : IRequest<DraftVersion>;

public sealed record RevertDraft(string Negotiation, int Version, string Label, string RequestId = "") : IRequest<DraftVersion>;

/// <summary>A version of the draft, or the latest with <paramref name="Version"/> null.</summary>
public sealed record GetDraft(string Negotiation, int? Version) : IRequest<DraftVersion>;

public sealed record ListDrafts(string Negotiation, PageOf Page) : IRequest<IReadOnlyList<DraftVersion>>;

/// <summary>Two versions and how their provisions differ.</summary>
public sealed record CompareDrafts(string Negotiation, int FromVersion, int ToVersion) : IRequest<DraftComparison>;

public sealed record DraftComparison(DraftVersion From, DraftVersion To, IReadOnlyList<ProvisionDifference> Changes);

public sealed class ProposeDraftHandler(TalksCommands commands, GetDraftHandler drafts) : IHandler<ProposeDraft, DraftVersion>
{
    public Task<DraftVersion> HandleAsync(ProposeDraft command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, now, token) =>
        {
            var commitments = await Links.ExistingAsync(transaction, negotiation, ChildName.Commitments,
                [.. command.Provisions.SelectMany(p => p.Commitments)], token);
            var basedOnExists = command.BasedOn != 0 && await transaction.GetDraftAsync(negotiation.Id, command.BasedOn, token) is not null;
            var version = await transaction.NextNumberAsync(negotiation.Id, ChildName.Drafts, token);
            var (draft, proposed) = DraftVersion.Propose(negotiation, version, command.BasedOn, command.Label, command.Provisions, now,
                basedOnExists, commitments.Contains);
            await transaction.InsertAsync(draft, token);
            return new TalksChange<DraftVersion>(draft, draft.Name, [proposed]);
        }, drafts.Replay, cancellationToken);
}

public sealed class RevertDraftHandler(TalksCommands commands, GetDraftHandler drafts) : IHandler<RevertDraft, DraftVersion>
{
    public Task<DraftVersion> HandleAsync(RevertDraft command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, now, token) =>
        {
            var target = await transaction.GetDraftAsync(negotiation.Id, command.Version, token) ?? throw DraftVersion.NotFound(negotiation.Name, command.Version);
            var (draft, proposed) = target.RevertAs(await transaction.NextNumberAsync(negotiation.Id, ChildName.Drafts, token), command.Label, now);
            await transaction.InsertAsync(draft, token);
            return new TalksChange<DraftVersion>(draft, draft.Name, [proposed]);
        }, drafts.Replay, cancellationToken);
}

public sealed class GetDraftHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<GetDraft, DraftVersion>
{
    public async Task<DraftVersion> HandleAsync(GetDraft query, CancellationToken cancellationToken)
    {
        if (await store.GetDraftAsync(Domain.Negotiation.IdOf(query.Negotiation), query.Version, cancellationToken) is { } draft)
        {
            return draft;
        }

        // No such draft: because there is no such negotiation, or no such version of its draft.
        await negotiations.HandleAsync(new GetNegotiationVersion(query.Negotiation), cancellationToken);
        throw query.Version is { } version
            ? DraftVersion.NotFound(query.Negotiation, version)
            : new NotFoundException("DRAFT_NOT_FOUND", $"{query.Negotiation}/{ChildName.Drafts}/latest");
    }

    public Task<DraftVersion> Replay(string name, CancellationToken cancellationToken)
    {
        var child = ChildName.Parse(name);
        return HandleAsync(new GetDraft(child.Negotiation, child.Number), cancellationToken);
    }
}

public sealed class ListDraftsHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListDrafts, IReadOnlyList<DraftVersion>>
{
    public Task<IReadOnlyList<DraftVersion>> HandleAsync(ListDrafts query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListDraftsAsync(id, query.Page, cancellationToken), cancellationToken);
}

public sealed class CompareDraftsHandler(GetDraftHandler drafts) : IHandler<CompareDrafts, DraftComparison>
{
    public async Task<DraftComparison> HandleAsync(CompareDrafts query, CancellationToken cancellationToken)
    {
        var from = await drafts.HandleAsync(new GetDraft(query.Negotiation, query.FromVersion), cancellationToken);
        var to = await drafts.HandleAsync(new GetDraft(query.Negotiation, query.ToVersion), cancellationToken);
        return new DraftComparison(from, to, to.ChangesSince(from));
    }
}
