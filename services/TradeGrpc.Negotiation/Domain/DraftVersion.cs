using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>One provision of a draft; <see cref="Key"/> is stable across versions.</summary>
public sealed record Provision(string Key, string Title, string Text, ProvisionStatusKind Status, IReadOnlyList<string> Commitments);

/// <summary>Agreed provisions over all provisions.</summary>
public sealed record DraftProgress(int Agreed, int Total)
{
    /// <summary>Agreed over total in percent, rounded to one decimal.</summary>
    public decimal AgreedPercent => Total == 0 ? 0 : Math.Round(Agreed * 100m / Total, 1, MidpointRounding.AwayFromZero);
}

/// <summary>How one provision differs between two versions.</summary>
public sealed record ProvisionDifference(string Key, ProvisionChangeKind Kind, Provision? Before, Provision? After);

/// <summary>A version of the draft agreement: proposed once, never changed after.</summary>
public sealed record DraftVersion(string NegotiationName, int Version, int BasedOn, string Label, IReadOnlyList<Provision> Provisions, int RevertedTo,
    DateTimeOffset CreateTime)
{
    public string Name => ChildName.Of(NegotiationName, ChildName.Drafts, Version);

    public DraftProgress Progress => new(Provisions.Count(p => p.Status == ProvisionStatusKind.Agreed), Provisions.Count);

    /// <summary>
    /// Proposes version <paramref name="version"/>: provision keys are unique, and the version it is
    /// based on (<paramref name="basedOnExists"/>) and the commitments its provisions carry (<paramref name="commitmentExists"/>) exist.
    /// </summary>
    public static (DraftVersion Draft, TalkEvent Proposed) Propose(Negotiation negotiation, int version, int basedOn, string label,
        IReadOnlyList<Provision> provisions, DateTimeOffset now, bool basedOnExists, Func<string, bool> commitmentExists)
    {
        var duplicates = provisions.Select((p, i) => (p.Key, i)).GroupBy(x => x.Key).SelectMany(g => g.Skip(1))
            .Select(x => new FieldError($"Provisions[{x.i}].Key", $"'{x.Key}' appears more than once in the draft"))
            .ToArray();
        if (duplicates.Length > 0)
        {
            throw new InvalidInputException("DUPLICATE_PROVISION_KEY", duplicates);
        }

        if (basedOn != 0 && !basedOnExists)
        {
            throw NotFound(negotiation.Name, basedOn);
        }

        foreach (var commitment in provisions.SelectMany(p => p.Commitments).Where(c => !commitmentExists(c)))
        {
            throw new NotFoundException("COMMITMENT_NOT_FOUND", commitment);
        }

        return Proposed(new DraftVersion(negotiation.Name, version, basedOn, label, provisions, 0, now));
    }

    /// <summary>Version <paramref name="version"/>, equal to this one: "return to the early-May working draft".</summary>
    public (DraftVersion Draft, TalkEvent Proposed) RevertAs(int version, string label, DateTimeOffset now) =>
        Proposed(this with { Version = version, BasedOn = Version, RevertedTo = Version, Label = label.Length > 0 ? label : $"Return to version {Version}", CreateTime = now });

    /// <summary>The provisions that differ from <paramref name="from"/>, in the order of this version, then the removed ones in the order of <paramref name="from"/>.</summary>
    public IReadOnlyList<ProvisionDifference> ChangesSince(DraftVersion from)
    {
        var before = from.Provisions.ToDictionary(p => p.Key);
        var after = Provisions.Select(p => p.Key).ToHashSet();
        var changes = new List<ProvisionDifference>();
        foreach (var provision in Provisions)
        {
            if (!before.TryGetValue(provision.Key, out var earlier))
            {
                changes.Add(new ProvisionDifference(provision.Key, ProvisionChangeKind.Added, null, provision));
            }
            else if (earlier.Title != provision.Title || earlier.Text != provision.Text)
            {
                changes.Add(new ProvisionDifference(provision.Key, ProvisionChangeKind.Changed, earlier, provision));
            }
            else if (earlier.Status != provision.Status)
            {
                changes.Add(new ProvisionDifference(provision.Key, ProvisionChangeKind.StatusChanged, earlier, provision));
            }
        }

        changes.AddRange(from.Provisions.Where(p => !after.Contains(p.Key))
            .Select(p => new ProvisionDifference(p.Key, ProvisionChangeKind.Removed, p, null)));
        return changes;
    }

    public static NotFoundException NotFound(string negotiationName, int version) =>
        new("DRAFT_NOT_FOUND", ChildName.Of(negotiationName, ChildName.Drafts, version));

    private static (DraftVersion, TalkEvent) Proposed(DraftVersion draft)
    {
        var progress = draft.Progress;
        var what = draft.RevertedTo > 0 ? $"returns to version {draft.RevertedTo}" : "proposed";
        return (draft, new TalkEvent(TalkEventKind.DraftProposed, draft.Name,
            $"Draft version {draft.Version} {what}: {progress.Agreed} of {progress.Total} provisions agreed ({progress.AgreedPercent}%)."));
    }
}
