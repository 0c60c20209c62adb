using System.Collections.Frozen;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Allowances;

/// <summary>How much an exclusion or an absolute quota lets in: <paramref name="Amount"/> of a quantity unit (<c>T</c>, <c>KG</c>), or of <see cref="Usd"/> for a customs value.</summary>
public sealed record Allowance(string Unit, decimal Amount)
{
    /// <summary>The unit of an allowance in customs value: a line draws on it by its value, not a quantity.</summary>
    public const string Usd = "USD";

    /// <summary>
    /// The amount in <paramref name="unit"/>: as it is in its own unit, converted between kilograms and
    /// metric tons as a line's quantity is; null in any other unit, which no rate turns it into.
    /// </summary>
    public decimal? AmountIn(string unit) => RateUnits.Convert(Amount, Unit, unit);
}

/// <summary>
/// What the entries filed so far have used of one allowance (<paramref name="Key"/>: an exclusion's
/// name, or a quota's); <paramref name="Version"/> counts the entries that drew on it, so that of two
/// readings the later wins.
/// </summary>
public sealed record AllowanceUse(string Key, string Unit, decimal Used, long Version);

/// <summary>What one quote line draws on an allowance: what was left before it, what it takes, and what is beyond.</summary>
public sealed record AllowanceDraw(string Source, string Unit, decimal Remaining, decimal Drawn, decimal Beyond);

/// <summary>
/// The uses of every allowance, as one immutable value. Kept beside the book's snapshot rather than
/// in it: each filed entry changes a use, and a new snapshot would drop every lookup remembered for
/// the old one, though which exclusions and quotas apply has not changed.
/// </summary>
public sealed class AllowanceUses
{
    private readonly FrozenDictionary<string, AllowanceUse> byKey;

    public AllowanceUses(IEnumerable<AllowanceUse> uses) => byKey = uses.ToFrozenDictionary(u => u.Key, StringComparer.Ordinal);

    public static AllowanceUses None { get; } = new([]);

    public IReadOnlyCollection<AllowanceUse> All => byKey.Values;

    public AllowanceUse? Of(string key) => byKey.GetValueOrDefault(key);

    public decimal Used(string key) => byKey.TryGetValue(key, out var use) ? use.Used : 0m;

    /// <summary>These uses with <paramref name="newer"/> in place of the ones they follow; a reading older than the one held is ignored.</summary>
    public AllowanceUses With(IEnumerable<AllowanceUse> newer)
    {
        var merged = new Dictionary<string, AllowanceUse>(byKey, StringComparer.Ordinal);
        foreach (var use in newer)
        {
            if (!merged.TryGetValue(use.Key, out var held) || held.Version < use.Version)
            {
                merged[use.Key] = use;
            }
        }

        return new AllowanceUses(merged.Values);
    }
}
