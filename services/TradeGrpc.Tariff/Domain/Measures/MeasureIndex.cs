using System.Globalization;
using TradeGrpc.Errors;

namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>A measure's entry that covers a product.</summary>
public sealed record ScopeHit(MeasureRecord Measure, ScopeEntry Entry);

/// <summary>
/// Measures by the codes their scope names, so that finding what covers a product is a few
/// dictionary probes (one per code length) with no allocation. Ranges are expanded over the
/// schedule's codes (found by binary search, as the schedule is in code order). Within a measure
/// the most specific entry wins, which is how a 10-digit carve-out or heading overrides its 8-digit
/// parent. Changing one measure re-indexes that measure only. A measure whose scope would index
/// more than <see cref="MaxCodesPerMeasure"/> codes is set aside: known, but covering nothing.
/// </summary>
public sealed class MeasureIndex
{
    /// <summary>
    /// The most codes one measure's scope may index, each range counted as the schedule codes it
    /// spans: the largest real measure (Section 301 list 3) indexes about 6,000; the whole schedule
    /// four times over is refused.
    /// </summary>
    public const int MaxCodesPerMeasure = 50_000;

    private static readonly int[] CodeLengths = [10, 8, 6, 4];

    private readonly IReadOnlyList<string> scheduleCodes;
    private readonly Dictionary<string, ScopeHit[]> byCode;
    private readonly Dictionary<string, ScopeHit[]>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    // The codes each indexed measure is filed under, to take it out again when it changes.
    private readonly Dictionary<string, string[]> codesOf;

    public MeasureIndex(IEnumerable<MeasureRecord> measures, IReadOnlyList<string> scheduleCodes)
    {
        this.scheduleCodes = scheduleCodes;
        Dictionary<string, MeasureRecord> applied = [], setAside = [];
        (byCode, codesOf) = ([], []);
        foreach (var measure in measures.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            File(measure, scheduleCodes, byCode, codesOf, applied, setAside);
        }

        (Measures, SetAside) = (applied, setAside);
        bySpan = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private MeasureIndex(
        IReadOnlyList<string> scheduleCodes, Dictionary<string, MeasureRecord> measures, Dictionary<string, MeasureRecord> setAside,
        Dictionary<string, ScopeHit[]> byCode, Dictionary<string, string[]> codesOf)
    {
        this.scheduleCodes = scheduleCodes;
        (Measures, SetAside) = (measures, setAside);
        (this.byCode, this.codesOf) = (byCode, codesOf);
        bySpan = byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static MeasureIndex Empty { get; } = new([], []);

    /// <summary>The measures that apply, in id order.</summary>
    public IReadOnlyDictionary<string, MeasureRecord> Measures { get; }

    /// <summary>Stored measures whose scope is too large to index (see <see cref="MaxCodesPerMeasure"/>): they cover nothing here.</summary>
    public IReadOnlyDictionary<string, MeasureRecord> SetAside { get; }

    /// <summary>Every measure this index holds, applied or set aside.</summary>
    public IEnumerable<MeasureRecord> AllHeld => Measures.Values.Concat(SetAside.Values);

    /// <summary>The version of measure <paramref name="id"/> this index holds, applied or set aside; null when it holds none.</summary>
    public MeasureRecord? Held(string id) => Measures.GetValueOrDefault(id) ?? SetAside.GetValueOrDefault(id);

    /// <summary>
    /// This index with <paramref name="measure"/> in place of the version it holds: only that
    /// measure's codes are filed again, and the entries of every other measure are shared.
    /// </summary>
    public MeasureIndex With(MeasureRecord measure)
    {
        var hits = new Dictionary<string, ScopeHit[]>(byCode);
        var filed = new Dictionary<string, string[]>(codesOf);
        if (filed.Remove(measure.Id, out var codes))
        {
            foreach (var code in codes)
            {
                var left = Array.FindAll(hits[code], h => h.Measure.Id != measure.Id);
                if (left.Length == 0)
                {
                    hits.Remove(code);
                }
                else
                {
                    hits[code] = left;
                }
            }
        }

        var measures = Measures.Values.Where(m => m.Id != measure.Id).ToDictionary(m => m.Id);
        var setAside = SetAside.Values.Where(m => m.Id != measure.Id).ToDictionary(m => m.Id);
        File(measure, scheduleCodes, hits, filed, measures, setAside);
        // Id order for listing: rebuilt from the few measures there are, not from their codes.
        return new MeasureIndex(scheduleCodes, measures.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToDictionary(m => m.Id), setAside, hits, filed);
    }

    /// <summary>How many codes <paramref name="scope"/> indexes over <paramref name="scheduleCodes"/> (in code order), each range counted as the codes it spans.</summary>
    public static long CodesIndexed(IReadOnlyList<ScopeEntry> scope, IReadOnlyList<string> scheduleCodes) =>
        scope.Sum(entry =>
        {
            var (first, end) = entry.Through.Length == 0 ? (0, 1) : Span(entry, scheduleCodes);
            return (long)(end - first);
        });

    /// <summary>Refuses a scope that would index more than <see cref="MaxCodesPerMeasure"/> codes of the schedule, before anything is stored.</summary>
    public static void CheckScope(IReadOnlyList<ScopeEntry> scope, IReadOnlyList<string> scheduleCodes)
    {
        var codes = CodesIndexed(scope, scheduleCodes);
        if (codes > MaxCodesPerMeasure)
        {
            throw new InvalidInputException("SCOPE_TOO_LARGE", new FieldError("Scope", string.Create(CultureInfo.InvariantCulture,
                $"spans {codes:N0} codes of the schedule, more than one measure may ({MaxCodesPerMeasure:N0}); split it into several measures or name wider headings")));
        }
    }

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

    private static void File(
        MeasureRecord measure, IReadOnlyList<string> scheduleCodes, Dictionary<string, ScopeHit[]> hits, Dictionary<string, string[]> filed,
        Dictionary<string, MeasureRecord> measures, Dictionary<string, MeasureRecord> setAside)
    {
        if (CodesIndexed(measure.Scope, scheduleCodes) > MaxCodesPerMeasure)
        {
            setAside[measure.Id] = measure;
            return;
        }

        measures[measure.Id] = measure;
        var added = new Dictionary<string, List<ScopeHit>>();
        foreach (var entry in measure.Scope)
        {
            foreach (var code in Expand(entry, scheduleCodes))
            {
                if (!added.TryGetValue(code, out var list))
                {
                    added[code] = list = [];
                }

                list.Add(new ScopeHit(measure, entry));
            }
        }

        foreach (var (code, list) in added)
        {
            // Measures stay in id order under each code, as a full build files them.
            var under = hits.GetValueOrDefault(code) ?? [];
            var at = Array.FindIndex(under, h => string.CompareOrdinal(h.Measure.Id, measure.Id) > 0);
            hits[code] = at < 0 ? [.. under, .. list] : [.. under[..at], .. list, .. under[at..]];
        }

        filed[measure.Id] = [.. added.Keys];
    }

    private static IEnumerable<string> Expand(ScopeEntry entry, IReadOnlyList<string> scheduleCodes)
    {
        if (entry.Through.Length == 0)
        {
            yield return entry.Code;
            yield break;
        }

        var (first, end) = Span(entry, scheduleCodes);
        for (var i = first; i < end; i++)
        {
            if (scheduleCodes[i].Length >= entry.Code.Length)
            {
                yield return scheduleCodes[i];
            }
        }
    }

    /// <summary>Where the schedule codes from the entry's first code to its last lie, compared on the entry's length: [first, end).</summary>
    private static (int First, int End) Span(ScopeEntry entry, IReadOnlyList<string> scheduleCodes)
    {
        var length = entry.Code.Length;
        var first = FirstAtOrAfter(scheduleCodes, code => string.CompareOrdinal(code, 0, entry.Code, 0, length) >= 0);
        var end = FirstAtOrAfter(scheduleCodes, code => string.CompareOrdinal(code, 0, entry.Through, 0, length) > 0);
        return (first, Math.Max(first, end));
    }

    /// <summary>The first index at which <paramref name="reached"/> holds, for a condition that stays true once it does.</summary>
    private static int FirstAtOrAfter(IReadOnlyList<string> codes, Func<string, bool> reached)
    {
        var (low, high) = (0, codes.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (reached(codes[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
