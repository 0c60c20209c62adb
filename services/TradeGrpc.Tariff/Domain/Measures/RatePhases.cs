namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>A rate in force: its percent and the heading it is reported under.</summary>
public sealed record RateInForce(decimal Percent, string Heading);

public static class RatePhases
{
    /// <summary>
    /// The rate in force on <paramref name="entryDate"/> under a schedule sorted by date, or
    /// null before its first phase. Goods in transit under a phase's rule keep the previous rate.
    /// </summary>
    public static RateInForce? InForce(IReadOnlyList<RatePhaseRecord> phases, DateOnly entryDate, DateOnly? exportDate, string measureHeading)
    {
        var i = -1;
        while (i + 1 < phases.Count && phases[i + 1].EffectiveDate <= entryDate)
        {
            i++;
        }

        if (i < 0)
        {
            return null;
        }

        var phase = phases[i];
        if (phase.Transit is { } transit && i > 0 && exportDate < transit.ExportedBefore && entryDate < transit.EnteredBefore)
        {
            return new RateInForce(phases[i - 1].Percent, HeadingOr(transit.Heading, measureHeading));
        }

        return new RateInForce(phase.Percent, HeadingOr(phase.Heading, measureHeading));
    }

    public static IReadOnlyList<RatePhaseRecord> Sorted(IEnumerable<RatePhaseRecord> phases) =>
        [.. phases.OrderBy(p => p.EffectiveDate)];

    private static string HeadingOr(string heading, string fallback) => heading.Length > 0 ? heading : fallback;
}
