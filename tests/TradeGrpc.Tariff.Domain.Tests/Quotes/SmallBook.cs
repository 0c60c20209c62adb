using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Domain.Tests.Quotes;

/// <summary>
/// A tariff book made by hand: a few rows of the 2017 USITC file as printed there, the measures
/// on them with their published dates, rates and headings, and China's applied rate on US soybeans.
/// </summary>
internal static class SmallBook
{
    public static readonly DateTimeOffset Loaded = new(2019, 1, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Open = new(2050, 12, 31);

    private static readonly TariffLineRecord[] Lines =
    [
        new("90281000", "Gas supply or production meters, including calibrating meters thereof", "16 cents each + 2.5%", "$4.50 each + 65%", "NO", "", new(2014, 1, 1), Open),
        new("85044040", "Electrical speed drive controllers for electric motors (static converters)", "1.1%", "35%", "NO", "", new(2016, 7, 1), new(2017, 6, 30)),
        new("85044040", "Electrical speed drive controllers for electric motors (static converters)", "0.7%", "35%", "NO", "", new(2017, 7, 1), Open),
        new("84818090", "Taps, cocks, valves & similar appliances for pipes, boiler shells, tanks, vats or the like, other than hand operated, nesi", "2%", "35%", "NO", "", new(2012, 10, 31), Open),
        new("94036080", "Furniture (o/than seats & o/than of 9402) of wooden (o/than bentwood) nesoi", "Free", "40%", "NA", "", new(1999, 1, 1), Open),
        new("29319090", "Other non-aromatic organo-inorganic compounds", "3.7%", "25%", "KG", "", new(2012, 10, 31), Open),
        new("85076000", "Lithium-ion batteries", "3.4%", "40%", "NO", "", new(2012, 10, 31), Open),
        new("72161000", "Iron/nonalloy steel, U,I or H-sections, not further worked than hot-rolled, hot-drawn or extruded, w/height under 80 mm", "Free", "2%", "KG", "", new(2008, 1, 1), Open),
        new("91051910", "Alarm clocks nesoi, not electrically operated, movement measuring not over 50 mm", "30 cents each + 6.9% on the case", "", "NO", "", new(2017, 1, 1), Open),
        new("98010011", "U.S. Government property, returned to the United States without having been advanced in value", "", "", "X", "", new(2016, 1, 1), Open),
    ];

    public static readonly MeasureRecord List1 = Section301("us-301-list-1", "Section 301 list 1", "9903.88.01",
        [new("85044040")], [new(new(2018, 7, 6), 25)]);

    public static readonly MeasureRecord List2 = Section301("us-301-list-2", "Section 301 list 2", "9903.88.02",
        [new("90281000")], [new(new(2018, 8, 23), 25)]);

    public static readonly MeasureRecord List3 = Section301("us-301-list-3", "Section 301 list 3", "9903.88.03",
        [new("84818090"), new("94036080"), new("2931909010", Heading: "9903.88.04")],
        [new(new(2018, 9, 24), 10), new(new(2019, 5, 10), 25, Transit: new TransitRule(new(2019, 5, 10), new(2019, 6, 15), "9903.88.09"))]);

    public static readonly MeasureRecord List4A = Section301("us-301-list-4a", "Section 301 list 4A", "9903.88.15",
        [new("85076000")], [new(new(2019, 9, 1), 15), new(new(2020, 2, 14), 7.5m)]);

    /// <summary>Announced for 2019-12-15 and suspended from that day: never applied.</summary>
    public static readonly MeasureRecord List4B = Section301("us-301-list-4b", "Section 301 list 4B", "9903.88.16",
        [new("2931909051")], [new(new(2019, 12, 15), 15)]) with { SuspendedFrom = new(2019, 12, 15) };

    /// <summary>On every origin; its scope is a range of 6-digit codes, as the proclamation lists them.</summary>
    public static readonly MeasureRecord Steel = new("us-232-steel", "Section 232 steel", "", LegalBasisKind.Section232, "US", [], "9903.80.01",
        [new("720610", "721650")], null, [new(new(2018, 3, 23), 25)], MeasureStage.Announced, null, Loaded, Loaded, 1);

    /// <summary>China's retaliation on US soybeans: 28% applied from 2018-07-06 over a 3% base.</summary>
    public static readonly MeasureRecord ChinaRetaliation = new("cn-retaliation", "China's retaliatory tariffs on US goods", "", LegalBasisKind.Retaliation,
        "CN", ["US"], "", [new("120190", Phases: [new(new(2018, 7, 6), 25)])], null, [], MeasureStage.Announced, null, Loaded, Loaded, 1);

    public static IReadOnlyList<MeasureRecord> Measures { get; } = [List1, List2, List3, List4A, List4B, Steel, ChinaRetaliation];

    /// <summary>A calculator on the book with <see cref="Measures"/> (or <paramref name="measures"/>) and <paramref name="exclusions"/>.</summary>
    public static DutyCalculator Calculator(IEnumerable<MeasureRecord>? measures = null, params ExclusionRecord[] exclusions)
    {
        var china = new ChinaTariffs([new("120190", new(2018, 7, 1), 3), new("120190", new(2018, 7, 6), 28)]);
        var schedule = new TariffSchedule(Lines);
        var snapshot = (TariffBookSnapshot.Empty with { China = china, Measures = new MeasureIndex(measures ?? Measures, schedule.Codes) })
            .WithSchedule(schedule, 1)
            .WithExclusions(exclusions);
        var book = new TariffBook();
        book.Update(_ => snapshot);
        return new DutyCalculator(book);
    }

    private static MeasureRecord Section301(string id, string title, string heading, ScopeEntry[] scope, RatePhaseRecord[] phases) =>
        new(id, title, "", LegalBasisKind.Section301, "US", ["CN"], heading, scope, null, phases, MeasureStage.Announced, null, Loaded, Loaded, 1);
}
