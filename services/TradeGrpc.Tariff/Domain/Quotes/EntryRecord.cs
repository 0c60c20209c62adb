using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain.Allowances;

namespace TradeGrpc.Tariff.Domain.Quotes;

/// <summary>An entry as filed: priced on its entry date, with what its lines drew on allowances and quotas.</summary>
public sealed record EntryRecord(string Id, string ImportingCountry, DateOnly EntryDate, EntryDuty Duty, DateTimeOffset FileTime, Actor? FiledBy)
{
    public const string CollectionId = "entries";

    public string Name => $"{CollectionId}/{Id}";

    public static string IdOf(string name) => name[(CollectionId.Length + 1)..];

    /// <summary>What the entry drew on each allowance or quota, in all its lines; only those it took something from.</summary>
    public static IReadOnlyList<(string Source, string Unit, decimal Drawn)> Drawn(EntryDuty duty) =>
        // A draw a line's several parts share (one exclusion lifting several measures) is one draw.
        [.. duty.Lines.SelectMany(l => l.Parts.SelectMany(p => new[] { p.Draw, p.QuotaDraw }).OfType<AllowanceDraw>().Distinct())
            .GroupBy(d => (d.Source, d.Unit))
            .Select(g => (g.Key.Source, g.Key.Unit, g.Sum(d => d.Drawn)))
            .Where(d => d.Item3 > 0)];
}
