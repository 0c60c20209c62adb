namespace TradeGrpc.Tariff.Domain.China;

/// <summary>China's total applied tariff on one 6-digit code of US origin, from a date until the next.</summary>
public sealed record ChinaAppliedRate(string Hs6, DateOnly From, decimal Percent);

/// <summary>
/// China's applied tariffs on US goods split into the base rate and the retaliation on top.
/// The base is the rate applied on 2018-07-01, the last date before the first retaliation on
/// 2018-07-06 (earlier entries take the rate in force then); the retaliation is what the applied
/// rate adds to that base on each later date.
/// </summary>
public sealed class ChinaTariffs
{
    public static readonly DateOnly FirstRetaliation = new(2018, 7, 6);

    private readonly Dictionary<string, ChinaAppliedRate[]> byCode;

    public ChinaTariffs(IEnumerable<ChinaAppliedRate> rates) =>
        byCode = rates.GroupBy(r => r.Hs6).ToDictionary(g => g.Key, g => g.OrderBy(r => r.From).ToArray());

    public static ChinaTariffs Empty { get; } = new([]);

    public int Count => byCode.Count;

    /// <summary>The base rate of <paramref name="hs6"/> for an entry on <paramref name="entryDate"/>; null for a code the data lacks.</summary>
    public decimal? BaseRate(string hs6, DateOnly entryDate)
    {
        if (!byCode.TryGetValue(hs6, out var rates))
        {
            return null;
        }

        var baseDate = entryDate < FirstRetaliation ? entryDate : FirstRetaliation.AddDays(-1);
        var inForce = rates.LastOrDefault(r => r.From <= baseDate) ?? rates[0];
        return inForce.Percent;
    }

    /// <summary>
    /// The codes whose applied rate rose by exactly <paramref name="percent"/> on <paramref name="date"/>:
    /// the goods of a tranche of retaliation at that rate (China's of 2019-09-01 charged 10% on some
    /// goods and 5% on others). A code that rose by another amount, as the highest of its 8-digit
    /// lines' rates can, is left with the rest of the retaliation.
    /// </summary>
    public IEnumerable<string> RaisedOn(DateOnly date, decimal percent) =>
        byCode.Where(c => RiseOn(c.Value, date) == percent).Select(c => c.Key).Order(StringComparer.Ordinal);

    /// <summary>
    /// Per code, the retaliation on top of the base as dated phases: (date, percent) with a change at
    /// each date; the rises of <paramref name="tranches"/> (date, percent) are left out of the codes that
    /// took them, which a measure of their own charges.
    /// </summary>
    public IEnumerable<(string Hs6, IReadOnlyList<(DateOnly From, decimal Percent)> Phases)> Retaliation(IReadOnlyList<(DateOnly Date, decimal Percent)> tranches)
    {
        foreach (var (hs6, rates) in byCode)
        {
            var baseRate = BaseRate(hs6, FirstRetaliation)!.Value;
            var splitOut = tranches.Where(t => RiseOn(rates, t.Date) == t.Percent).ToList();
            var phases = new List<(DateOnly, decimal)>();
            var last = 0m;
            foreach (var rate in rates.Where(r => r.From >= FirstRetaliation))
            {
                var extra = Math.Max(0, rate.Percent - baseRate - splitOut.Where(t => t.Date <= rate.From).Sum(t => t.Percent));
                if (extra != last)
                {
                    phases.Add((rate.From, extra));
                    last = extra;
                }
            }

            if (phases.Count > 0)
            {
                yield return (hs6, phases);
            }
        }
    }

    /// <summary>How much a code's applied rate rose on <paramref name="date"/>; null when no rate of it starts then, or none before.</summary>
    private static decimal? RiseOn(ChinaAppliedRate[] rates, DateOnly date)
    {
        var i = Array.FindIndex(rates, r => r.From == date);
        return i > 0 ? rates[i].Percent - rates[i - 1].Percent : null;
    }
}
