using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Quotes;

/// <summary>
/// A change to one measure that a single quote or lookup applies, to price a proposal; with
/// <see cref="Undo"/>, the change taken back: the measure as if it had never been made.
/// </summary>
public sealed record WhatIf(string MeasureId, bool Suspend, decimal? Percent, DateOnly? From)
{
    public bool Undo { get; init; }

    public bool AppliesOn(DateOnly entryDate) => From is null || From <= entryDate;
}

/// <summary>A quantity in one unit (a USITC quantity code).</summary>
public sealed record LineQuantity(string Unit, decimal Value);

/// <summary>One entry line: product, origin, dates, value and quantities, the preference program claimed ("" for none) and the importer ("" when not named).</summary>
public sealed record QuoteLineInput(string HtsCode, string Origin, DateOnly? ExportDate, decimal CustomsValue, IReadOnlyList<LineQuantity> Quantities)
{
    public string PreferenceProgram { get; init; } = "";

    public string Importer { get; init; } = "";

    /// <summary>
    /// The line's quantity in <paramref name="unit"/>, or its customs value for <see cref="Allowance.Usd"/>;
    /// a mass given in the other of kilograms and metric tons is converted (the schedule counts most
    /// goods in KG, quotas and China's exclusions in T). Null when it states none that gives the unit.
    /// </summary>
    public decimal? AmountIn(string unit)
    {
        if (unit == Allowance.Usd)
        {
            return CustomsValue;
        }

        // A quantity in the unit itself wins over one converted to it.
        decimal? converted = null;
        for (var q = 0; q < Quantities.Count; q++)
        {
            if (string.Equals(Quantities[q].Unit, unit, StringComparison.OrdinalIgnoreCase))
            {
                return Quantities[q].Value;
            }

            converted ??= RateUnits.Convert(Quantities[q].Value, Quantities[q].Unit, unit);
        }

        return converted;
    }
}

/// <summary>An entry to quote.</summary>
public sealed record EntryInput(string ImportingCountry, DateOnly EntryDate, IReadOnlyList<QuoteLineInput> Lines, IReadOnlyList<WhatIf> WhatIf);

/// <summary>
/// A rate that applies to a product: the base rate (no measure; <see cref="BaseRate"/> set) or
/// a measure's additional duty (<see cref="Percent"/> set). <see cref="ExcludedBy"/> names the
/// granted exclusion that removes a measure's duty.
/// </summary>
public sealed record AppliedRate(
    string Heading,
    string Description,
    string RateText,
    string MeasureId,
    decimal? Percent,
    string ExcludedBy,
    Rate? BaseRate)
{
    /// <summary>Granted exclusions that cover the product for some importers or up to an allowance: which applies, and to how much, depends on the line.</summary>
    public IReadOnlyList<ExclusionRecord> LimitedExclusions { get; init; } = [];

    /// <summary>The absolute quota period the entry counts against, when its quantity is counted.</summary>
    public QuotaOn? Quota { get; init; }
}

/// <summary>The quota period of goods of one origin under a measure, named by <paramref name="Key"/>.</summary>
public sealed record QuotaOn(string Key, string Origin, QuotaPeriod Period);

/// <summary>The rates that apply to one product on one date, and the special rates its line prints (US lines only).</summary>
public sealed record RateLookup(string HtsCode, string Description, IReadOnlyList<AppliedRate> Rates)
{
    public IReadOnlyList<SpecialRate> SpecialRates { get; init; } = [];
}

/// <summary>One component of a line's duty, and what it draws on an allowance or a quota (null for none).</summary>
public readonly record struct DutyPart(string Heading, string Description, string RateText, decimal Amount, string MeasureId)
{
    /// <summary>The draw on the exclusion's allowance that lifts the component, or else on the origin's absolute quota.</summary>
    public AllowanceDraw? Draw { get; init; }

    /// <summary>The draw on the origin's absolute quota of the part beyond an exclusion's allowance (in <see cref="Draw"/>); null otherwise.</summary>
    public AllowanceDraw? QuotaDraw { get; init; }
}

/// <summary>The duty one line owes.</summary>
public sealed record LineDuty(string HtsCode, decimal Duty, IReadOnlyList<DutyPart> Parts, bool DeMinimis, IReadOnlyList<string> ExclusionsApplied);

/// <summary>The duty an entry owes.</summary>
public sealed record EntryDuty(IReadOnlyList<LineDuty> Lines, decimal Total, bool DeMinimis);

/// <summary>A named set of what-if changes priced together.</summary>
public sealed record Scenario(string Id, IReadOnlyList<WhatIf> Changes);

/// <summary>What a scenario does to one measure's own rate on the entry date, with the trade value it covers.</summary>
public sealed record MeasureRateChange(string MeasureId, decimal RateBefore, decimal RateAfter, decimal? TradeValueUsd);

/// <summary>An entry's duty under one scenario, and the measures the scenario changes.</summary>
public sealed record ScenarioDuty(string Id, decimal Total, IReadOnlyList<MeasureRateChange> Measures);

/// <summary>An entry priced as things stand and under each scenario, on one snapshot of the book.</summary>
public sealed record ScenarioPricing(decimal Baseline, bool DeMinimis, IReadOnlyList<ScenarioDuty> Scenarios);
