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

    /// <summary>Per code, the retaliation on top of the base as dated phases: (date, percent) with a change at each date.</summary>
    public IEnumerable<(string Hs6, IReadOnlyList<(DateOnly From, decimal Percent)> Phases)> Retaliation()
    {
        foreach (var (hs6, rates) in byCode)
        {
            var baseRate = BaseRate(hs6, FirstRetaliation)!.Value;
            var phases = new List<(DateOnly, decimal)>();
            var last = 0m;
            foreach (var rate in rates.Where(r => r.From >= FirstRetaliation))
            {
                var extra = Math.Max(0, rate.Percent - baseRate);
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
}
