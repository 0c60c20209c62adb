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
}
