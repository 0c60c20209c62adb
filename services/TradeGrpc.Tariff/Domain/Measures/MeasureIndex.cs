namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>A measure's entry that covers a product.</summary>
public sealed record ScopeHit(MeasureRecord Measure, ScopeEntry Entry);

/// <summary>
/// Measures by the codes their scope names, so that finding what covers a product is a few
/// dictionary probes (one per code length) with no allocation. Ranges are expanded over the
/// schedule's codes when the index is built. Within a measure the most specific entry wins,
/// which is how a 10-digit carve-out or heading overrides its 8-digit parent.
/// </summary>
public sealed class MeasureIndex
{
    private static readonly int[] CodeLengths = [10, 8, 6, 4];

    private readonly Dictionary<string, ScopeHit[]> byCode;
    private readonly Dictionary<string, ScopeHit[]>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    public MeasureIndex(IEnumerable<MeasureRecord> measures, IReadOnlyList<string> scheduleCodes)
    {
        Measures = measures.OrderBy(m => m.Id, StringComparer.Ordinal).ToDictionary(m => m.Id);
        var hits = new Dictionary<string, List<ScopeHit>>();
        foreach (var measure in Measures.Values)
        {
            foreach (var entry in measure.Scope)
            {
                foreach (var code in Expand(entry, scheduleCodes))
                {
                    if (!hits.TryGetValue(code, out var list))
                    {
                        hits[code] = list = [];
                    }

                    list.Add(new ScopeHit(measure, entry));
                }
            }
        }

        byCode = hits.ToDictionary(h => h.Key, h => h.Value.ToArray());
        bySpan = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static MeasureIndex Empty { get; } = new([], []);

    public IReadOnlyDictionary<string, MeasureRecord> Measures { get; }

    /// <summary>The measures on imports into <paramref name="importingCountry"/> of <paramref name="origin"/> whose scope covers <paramref name="code"/>, with the covering entry.</summary>
    public List<ScopeHit> Covering(string code, string importingCountry, string origin)
    {
        var found = new List<ScopeHit>(2);
        foreach (var length in CodeLengths)
        {
            if (length > code.Length || !bySpan.TryGetValue(code.AsSpan(0, length), out var hits))
            {
                continue;
            }

            foreach (var hit in hits)
            {
                if (hit.Measure.ImportingCountry == importingCountry && hit.Measure.CoversOrigin(origin) && !found.Exists(f => f.Measure.Id == hit.Measure.Id))
                {
                    found.Add(hit);
                }
            }
        }

        found.RemoveAll(h => h.Entry.CarvedOut);
        return found;
    }

    private static IEnumerable<string> Expand(ScopeEntry entry, IReadOnlyList<string> scheduleCodes)
    {
        if (entry.Through.Length == 0)
        {
            return [entry.Code];
        }

        var length = entry.Code.Length;
        return scheduleCodes.Where(code => code.Length >= length
            && string.CompareOrdinal(code, 0, entry.Code, 0, length) >= 0
            && string.CompareOrdinal(code, 0, entry.Through, 0, length) <= 0);
    }
}
