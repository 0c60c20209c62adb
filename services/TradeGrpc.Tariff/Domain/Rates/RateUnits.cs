namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>
/// The quantity units rate texts charge per, as USITC quantity codes (the codes of the file's
/// <c>quantity_1_code</c>/<c>quantity_2_code</c> columns).
/// </summary>
public static class RateUnits
{
    public const string Kilogram = "KG";
    public const string Number = "NO";
    public const string Liter = "L";
    public const string Dozen = "DOZ";
    public const string Pairs = "PRS";
    public const string Barrel = "BBL";
    public const string Gross = "GRS";
    public const string GrossLines = "GRL";
    public const string MetricTon = "T";
    public const string SquareMeter = "M2";
    public const string CubicMeter = "M3";
    public const string ProofLiter = "PFL";
    public const string CleanYieldKilogram = "CYK";
    public const string Thousand = "THS";

    /// <summary>Kilograms in a metric ton: a mass stated in either counts in the other.</summary>
    private const decimal KilogramsPerTon = 1000m;

    /// <summary>
    /// <paramref name="amount"/> of <paramref name="from"/> counted in <paramref name="to"/>: as it is in
    /// the same unit, converted between kilograms and metric tons; null between any other units.
    /// </summary>
    public static decimal? Convert(decimal amount, string from, string to) =>
        Is(from, to) ? amount
        : Is(from, MetricTon) && Is(to, Kilogram) ? amount * KilogramsPerTon
        : Is(from, Kilogram) && Is(to, MetricTon) ? amount / KilogramsPerTon
        : null;

    private static bool Is(string unit, string other) => string.Equals(unit, other, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The unit (and the basis it implies) that a printed unit names, keyed by the printed unit with the
    /// blanks after "/" and "." taken out ("pf. liter" is "pf.liter", "line/ gross" is "line/gross").
    /// </summary>
    private static readonly Dictionary<string, (string Unit, string? Basis)> Printed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kg"] = (Kilogram, null),
        ["clean kg"] = (CleanYieldKilogram, null),
        ["t"] = (MetricTon, null),
        ["liter"] = (Liter, null),
        ["pf.liter"] = (ProofLiter, null),
        ["bbl"] = (Barrel, null),
        ["m2"] = (SquareMeter, null),
        ["m3"] = (CubicMeter, null),
        ["doz."] = (Dozen, null),
        ["pr."] = (Pairs, null),
        ["gross"] = (Gross, null),
        ["line/gross"] = (GrossLines, null),
        ["thousand"] = (Thousand, null),
        ["1000"] = (Thousand, null),
        ["1,000 pins"] = (Thousand, "pins"),
        ["head"] = (Number, null),
        ["article"] = (Number, null),
        ["jewel"] = (Number, "jewel"),
        ["jewel over 7"] = (Number, "jewel over 7"),
    };

    /// <summary>The unit a printed unit ("kg", "pf. liter", "1,000 pins") names, if it is one the schedule uses.</summary>
    public static bool TryFind(string printed, out string unit, out string? basis)
    {
        ArgumentNullException.ThrowIfNull(printed);
        var key = printed.Replace("/ ", "/", StringComparison.Ordinal).Replace(". ", ".", StringComparison.Ordinal);
        var found = Printed.TryGetValue(key, out var entry);
        (unit, basis) = found ? entry : ("", null);
        return found;
    }
}
