using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>The states a resource may reach, each from the states it may be reached from.</summary>
internal sealed class StateMoves<TState>(string reason, IReadOnlyDictionary<TState, TState[]> reachableFrom)
    where TState : struct, Enum
{
    /// <summary>Fails unless <paramref name="name"/> may move from <paramref name="current"/> to <paramref name="target"/>.</summary>
    public void Check(string name, TState current, TState target)
    {
        var from = reachableFrom.GetValueOrDefault(target, []);
        if (!from.Contains(current))
        {
            throw new RuleViolationException(reason, "STATE", name, from.Length == 0
                ? $"{name} is {Upper.Of(current)}; nothing becomes {Upper.Of(target)} once recorded."
                : $"{name} is {Upper.Of(current)}; it can become {Upper.Of(target)} only from {string.Join(" or ", from.Select(s => Upper.Of(s)))}.");
        }
    }
}
