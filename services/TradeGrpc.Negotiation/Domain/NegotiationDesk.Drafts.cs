using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

public sealed partial class NegotiationDesk
{
    public Task<DraftRecord> ProposeDraftAsync(string negotiationName, DraftRecord draft, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, ReplayDraft, (negotiation, now) =>
        {
            var duplicates = draft.Provisions.Select((p, i) => (p.Key, i)).GroupBy(x => x.Key).SelectMany(g => g.Skip(1))
                .Select(x => new FieldError($"draft.provisions[{x.i}].key", $"'{x.Key}' appears more than once in the draft"))
                .ToArray();
            if (duplicates.Length > 0)
            {
                throw new InvalidInputException("DUPLICATE_PROVISION_KEY", duplicates);
            }

            if (draft.BasedOn != 0)
            {
                FindDraft(negotiation, draft.BasedOn);
            }

            foreach (var commitment in draft.Provisions.SelectMany(p => p.Commitments))
            {
                FindLinked(negotiation, negotiation.Talks.Commitments, c => c.Number, commitment, "COMMITMENT_NOT_FOUND");
            }

            return Propose(negotiation, draft with { RevertedTo = 0 }, now);
        }, cancellationToken);

    /// <summary>A new version equal to <paramref name="version"/>: "return to the early-May working draft".</summary>
    public Task<DraftRecord> RevertDraftAsync(string negotiationName, int version, string label, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, ReplayDraft, (negotiation, now) =>
        {
            var target = FindDraft(negotiation, version);
            return Propose(negotiation, target with { BasedOn = version, RevertedTo = version, Label = label.Length > 0 ? label : $"Return to version {version}" }, now);
        }, cancellationToken);

    /// <summary>A version, or the latest with <paramref name="version"/> null.</summary>
    public async Task<DraftRecord> GetDraftAsync(string negotiationName, int? version, CancellationToken cancellationToken)
    {
        var negotiation = await GetAsync(negotiationName, cancellationToken);
        return version is { } number
            ? FindDraft(negotiation, number)
            : negotiation.Talks.Drafts.Count > 0 ? negotiation.Talks.Drafts[^1] : throw new NotFoundException("DRAFT_NOT_FOUND", $"{negotiationName}/{ChildName.Drafts}/latest");
    }

    public async Task<IReadOnlyList<DraftRecord>> ListDraftsAsync(string negotiationName, CancellationToken cancellationToken) =>
        (await GetAsync(negotiationName, cancellationToken)).Talks.Drafts;

    public async Task<(DraftRecord From, DraftRecord To, IReadOnlyList<ProvisionDifference> Changes)> CompareDraftsAsync(
        string negotiationName, int fromVersion, int toVersion, CancellationToken cancellationToken)
    {
        var negotiation = await GetAsync(negotiationName, cancellationToken);
        var from = FindDraft(negotiation, fromVersion);
        var to = FindDraft(negotiation, toVersion);
        return (from, to, Drafts.Compare(from, to));
    }

    private static TalksChange<DraftRecord> Propose(NegotiationRecord negotiation, DraftRecord draft, DateTimeOffset now)
    {
        var proposed = draft with { Version = negotiation.Talks.Drafts.Count + 1, CreateTime = now };
        var name = ChildName.Of(negotiation.Name, ChildName.Drafts, proposed.Version);
        var progress = Drafts.Progress(proposed);
        var what = proposed.RevertedTo > 0 ? $"returns to version {proposed.RevertedTo}" : "proposed";
        return new TalksChange<DraftRecord>(negotiation.Talks with { Drafts = [.. negotiation.Talks.Drafts, proposed] }, proposed, name,
            [new EventDraft(EventKindValue.DraftProposed, name,
                $"Draft version {proposed.Version} {what}: {progress.Agreed} of {progress.Total} provisions agreed ({progress.AgreedPercent}%).")]);
    }

    private static DraftRecord ReplayDraft(NegotiationRecord negotiation, string resource) => FindDraft(negotiation, ChildName.Parse(resource).Number);

    private static DraftRecord FindDraft(NegotiationRecord negotiation, int version) =>
        negotiation.Talks.Drafts.FirstOrDefault(d => d.Version == version)
        ?? throw new NotFoundException("DRAFT_NOT_FOUND", ChildName.Of(negotiation.Name, ChildName.Drafts, version));
}
