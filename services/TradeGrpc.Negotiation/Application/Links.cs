using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>Names a command gives as links to other parts of the talks (a statement's issues, a provision's commitments).</summary>
internal static class Links
{
    /// <summary>Those of <paramref name="names"/> that name an item of <paramref name="collection"/> of the negotiation that exists.</summary>
    public static async Task<IReadOnlySet<string>> ExistingAsync(ITalksTransaction transaction, Domain.Negotiation negotiation, string collection,
        IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var linked = names.Select(n => (Name: n, Child: ChildName.TryParseUnder(negotiation.Name, collection, n))).Where(l => l.Child is not null).ToList();
        if (linked.Count == 0)
        {
            return new HashSet<string>();
        }

        var found = await transaction.ExistingAsync(negotiation.Id, collection, [.. linked.Select(l => l.Child!.Number).Distinct()], cancellationToken);
        return linked.Where(l => found.Contains(l.Child!.Number)).Select(l => l.Name).ToHashSet();
    }
}
