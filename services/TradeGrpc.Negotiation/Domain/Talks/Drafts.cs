namespace TradeGrpc.Negotiation.Domain.Talks;

/// <summary>Agreed provisions over all provisions.</summary>
public sealed record DraftProgressValue(int Agreed, int Total)
{
    /// <summary>Agreed over total in percent, rounded to one decimal.</summary>
    public decimal AgreedPercent => Total == 0 ? 0 : Math.Round(Agreed * 100m / Total, 1, MidpointRounding.AwayFromZero);
}

/// <summary>How one provision differs between two versions.</summary>
public sealed record ProvisionDifference(string Key, ProvisionChangeKind Kind, ProvisionRecord? Before, ProvisionRecord? After);

public static class Drafts
{
    public static DraftProgressValue Progress(DraftRecord draft) =>
        new(draft.Provisions.Count(p => p.Status == ProvisionStatusKind.Agreed), draft.Provisions.Count);

    /// <summary>The provisions that differ, in the order of <paramref name="to"/>, then the removed ones in the order of <paramref name="from"/>.</summary>
    public static IReadOnlyList<ProvisionDifference> Compare(DraftRecord from, DraftRecord to)
    {
        var before = from.Provisions.ToDictionary(p => p.Key);
        var after = to.Provisions.Select(p => p.Key).ToHashSet();
        var changes = new List<ProvisionDifference>();
        foreach (var provision in to.Provisions)
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
}
