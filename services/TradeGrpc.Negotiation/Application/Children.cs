using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>Finds parts of the talks by name.</summary>
internal static class Children
{
    /// <summary>The part named <paramref name="name"/> (<c>negotiations/{id}/rounds/3</c>), as <paramref name="read"/> reads it by negotiation id and number; NOT_FOUND with <paramref name="reason"/> when there is none.</summary>
    public static async Task<T> FindAsync<T>(string name, string reason, Func<string, int, Task<T?>> read)
        where T : class
    {
        var child = ChildName.Parse(name);
        return await read(child.NegotiationId, child.Number) ?? throw new NotFoundException(reason, name);
    }

    /// <summary>
    /// A page of one negotiation's parts, as <paramref name="read"/> reads it by negotiation id. Parts
    /// are only ever stored under a negotiation that exists, so only an empty page costs the second
    /// query that tells "none yet" from "no such negotiation" (NOT_FOUND).
    /// </summary>
    public static async Task<IReadOnlyList<T>> PageAsync<T>(this GetNegotiationVersionHandler negotiations, string negotiation,
        Func<string, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        var page = await read(Domain.Negotiation.IdOf(negotiation));
        if (page.Count == 0)
        {
            await negotiations.HandleAsync(new GetNegotiationVersion(negotiation), cancellationToken);
        }

        return page;
    }
}
