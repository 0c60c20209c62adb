using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain;

/// <summary>
/// The schedule held in memory, indexed by code: built once from the store and replaced
/// whole when the store changes, so reads never touch the store.
/// </summary>
public sealed class TariffSchedule
{
    private readonly TariffLineRecord[] rows;
    private readonly TariffLineRecord[] latest;
    private readonly Dictionary<string, RateParse> rates;
    private readonly Dictionary<string, IReadOnlyList<SpecialRate>> specialRates;

    public TariffSchedule(IEnumerable<TariffLineRecord> records)
    {
        rows = [.. records.OrderBy(r => r.Hts8, StringComparer.Ordinal).ThenBy(r => r.ValidFrom)];
        latest = [.. rows.GroupBy(r => r.Hts8).Select(g => g.Last())];
        Codes = [.. latest.Select(r => r.Hts8)];
        rates = rows.Select(r => r.MfnRateText).Distinct().ToDictionary(text => text, RateParser.Parse);
        specialRates = rows.Select(r => r.SpecialRateText).Distinct().ToDictionary(text => text, SpecialRates.Parse);
    }

    /// <summary>The structured form of a rate text of this schedule, parsed once when the schedule was built.</summary>
    public RateParse RateOf(string text) => rates.TryGetValue(text, out var parse) ? parse : RateParser.Parse(text);

    /// <summary>The special rates <paramref name="line"/> prints, read once when the schedule was built.</summary>
    public IReadOnlyList<SpecialRate> SpecialRatesOf(TariffLineRecord line) =>
        specialRates.TryGetValue(line.SpecialRateText, out var parsed) ? parsed : SpecialRates.Parse(line.SpecialRateText);

    /// <summary>The rows whose MFN rate text names no computable rate, with the reason.</summary>
    public IEnumerable<(TariffLineRecord Line, string Reason)> UnparsedRates() =>
        rows.Where(r => rates[r.MfnRateText].Rate is null).Select(r => (r, rates[r.MfnRateText].Reason!));

    /// <summary>The distinct subheadings in code order.</summary>
    public IReadOnlyList<string> Codes { get; }

    public static TariffSchedule Empty { get; } = new([]);

    /// <summary>Number of distinct subheadings.</summary>
    public int Count => latest.Length;

    /// <summary>The row of <paramref name="hts8"/> in force on <paramref name="asOf"/>, or the one that took effect last.</summary>
    public TariffLineRecord? Find(string hts8, DateOnly? asOf = null)
    {
        var start = LowerBound(rows, hts8);
        TariffLineRecord? found = null;
        for (var i = start; i < rows.Length && rows[i].Hts8 == hts8; i++)
        {
            if (asOf is null || (rows[i].ValidFrom <= asOf && asOf <= rows[i].ValidTo))
            {
                found = rows[i];
            }
        }

        return found;
    }

    /// <summary>
    /// What replacing this schedule with <paramref name="next"/> changes, code by code in code
    /// order: codes added, codes removed, and codes whose MFN rate text (of the row that took
    /// effect last) differs.
    /// </summary>
    public IReadOnlyList<CodeChange> ChangesTo(TariffSchedule next)
    {
        var changes = new List<CodeChange>();
        var (i, j) = (0, 0);
        while (i < latest.Length || j < next.latest.Length)
        {
            var order = i == latest.Length ? 1 : j == next.latest.Length ? -1 : string.CompareOrdinal(latest[i].Hts8, next.latest[j].Hts8);
            if (order < 0)
            {
                changes.Add(new CodeChange(latest[i].Hts8, CodeChangeKind.Removed, latest[i].MfnRateText, ""));
                i++;
            }
            else if (order > 0)
            {
                changes.Add(new CodeChange(next.latest[j].Hts8, CodeChangeKind.Added, "", next.latest[j].MfnRateText));
                j++;
            }
            else
            {
                if (latest[i].MfnRateText != next.latest[j].MfnRateText)
                {
                    changes.Add(new CodeChange(latest[i].Hts8, CodeChangeKind.RateChanged, latest[i].MfnRateText, next.latest[j].MfnRateText));
                }

                (i, j) = (i + 1, j + 1);
            }
        }

        return changes;
    }

    /// <summary>Up to <paramref name="limit"/> subheadings starting with <paramref name="prefix"/>, in code order, after <paramref name="after"/>.</summary>
    public IReadOnlyList<TariffLineRecord> List(string prefix, string? after, int limit)
    {
        var start = LowerBound(latest, after is null ? prefix : after + "\0");
        var page = new List<TariffLineRecord>(Math.Min(limit, 1000));
        for (var i = start; i < latest.Length && page.Count < limit && latest[i].Hts8.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            page.Add(latest[i]);
        }

        return page;
    }

    private static int LowerBound(TariffLineRecord[] sorted, string key)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid].Hts8, key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

public enum CodeChangeKind { Added = 1, Removed = 2, RateChanged = 3 }

/// <summary>What a new schedule does to one subheading; a rate text is empty on the side that lacks the code.</summary>
public sealed record CodeChange(string Hts8, CodeChangeKind Kind, string RateBefore, string RateAfter);
