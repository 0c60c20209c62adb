using TradeGrpc.Tariff.Domain.Allowances;

namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>How a measure treats goods of some origins for a while, instead of its own rate.</summary>
public enum CountryTreatmentKind
{
    /// <summary>No duty under the measure.</summary>
    Exempt = 1,

    /// <summary>No duty under the measure, within an absolute quota the entry counts against.</summary>
    AbsoluteQuota = 2,

    /// <summary>A rate of the origin's own in place of the measure's.</summary>
    Rate = 3,
}

/// <summary>
/// The treatment of goods of <paramref name="Origins"/> entered from <paramref name="From"/>
/// through <paramref name="Through"/> (open-ended when null), such as Section 232's exemptions,
/// absolute quotas and Turkey's 50%. <paramref name="Percent"/> and <paramref name="Heading"/> are
/// a <see cref="CountryTreatmentKind.Rate"/>'s; <paramref name="Basis"/> says what ordered it.
/// </summary>
public sealed record CountryTreatment(
    IReadOnlyList<string> Origins,
    DateOnly From,
    DateOnly? Through,
    CountryTreatmentKind Kind,
    decimal? Percent = null,
    string Heading = "",
    string Basis = "")
{
    /// <summary>An absolute quota's periods, each with the quantity it lets in from each origin; none for any other kind, or a quota not counted.</summary>
    public IReadOnlyList<QuotaPeriod> QuotaPeriods { get; init; } = [];

    public bool Covers(string origin, DateOnly entryDate) =>
        From <= entryDate && (Through is null || entryDate <= Through) && Origins.Contains(origin, StringComparer.Ordinal);

    /// <summary>The quota period <paramref name="entryDate"/> falls in, if any.</summary>
    public QuotaPeriod? PeriodOn(DateOnly entryDate)
    {
        for (var i = 0; i < QuotaPeriods.Count; i++)
        {
            if (QuotaPeriods[i].From <= entryDate && entryDate <= QuotaPeriods[i].Through)
            {
                return QuotaPeriods[i];
            }
        }

        return null;
    }
}

/// <summary>One period of an absolute quota: the <paramref name="Quantity"/> goods of each origin may enter in from <paramref name="From"/> through <paramref name="Through"/>.</summary>
public sealed record QuotaPeriod(DateOnly From, DateOnly Through, Allowance Quantity)
{
    /// <summary>How the quota of goods of <paramref name="origin"/> in this period is named (and its use kept): <c>measures/{measure}/quotas/{origin}/{start date}</c>.</summary>
    public string KeyFor(MeasureRecord measure, string origin) => $"{measure.Name}/quotas/{origin}/{From:yyyy-MM-dd}";
}
