using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

/// <summary>
/// What a parsed rate should look like in the file's numeric columns, and where a row disagrees.
/// Rate type codes: 0 free; 1/2 specific on quantity 1/2; 3 specific on quantity 1 + specific
/// ("other") on quantity 2; 4/5 specific on quantity 1/2 + ad valorem; 6 specific on quantity 1 +
/// ad valorem + other on quantity 2; 7 ad valorem; T and X: the file does not express the rate in numbers.
/// </summary>
internal static class FileRateColumns
{
    private const string NoStatisticalUnit = "NA";

    /// <summary>
    /// How the file shows an exact amount: values under 0.01 exactly (in exponent notation), others cut
    /// (not rounded) to two decimals: 54.8 cents is 0.54, $1.509 is 1.50, 2.45% is 0.02.
    /// </summary>
    public static decimal Shown(decimal exact) => exact < 0.01m ? exact : decimal.Truncate(exact * 100m) / 100m;

    /// <summary>Each disagreement between the row's numeric columns and <paramref name="rate"/>; none when they agree.</summary>
    public static IEnumerable<string> Disagreements(FileRateRow row, Rate rate)
    {
        var specifics = rate.Parts.OfType<SpecificPart>().ToList();
        var percents = rate.Parts.OfType<AdValoremPart>().ToList();
        switch (row.TypeCode)
        {
            case "0":
                return Expect(rate.Form == RateForm.Free, "free rate")
                    .Concat(Columns(row, 0m, 0m, 0m));
            case "7" when percents is [var percent] && specifics.Count == 0:
                return Columns(row, Shown(percent.Percent / 100m), 0m, 0m);
            case "1" or "2" when specifics is [var specific] && percents.Count == 0:
                return Columns(row, 0m, PerFileUnit(specific, Quantity(row, row.TypeCode == "1" ? 1 : 2)), 0m);
            case "4" or "5" when specifics is [var specific] && percents is [{ Basis: null } percent]:
                return Columns(row, Shown(percent.Percent / 100m), PerFileUnit(specific, Quantity(row, row.TypeCode == "4" ? 1 : 2)), 0m);
            case "3" when percents.Count == 0 && OnBothQuantities(row, specifics) is { } both:
                return Columns(row, 0m, both.OnQuantity1, both.OnQuantity2);
            case "6" when percents is [{ Basis: null } percent] && OnBothQuantities(row, specifics) is { } both:
                return Columns(row, Shown(percent.Percent / 100m), both.OnQuantity1, both.OnQuantity2);
            case "T" or "X":
                return Expect(rate.Parts.Any(HasBasis), "a part on a basis the numeric columns cannot express")
                    .Concat(Columns(row, FileRateRow.NotExpressed, FileRateRow.NotExpressed, FileRateRow.NotExpressed));
            case "":
                return Expect(rate.Form == RateForm.Free, "free rate (no type code)")
                    .Concat(Columns(row, null, null, null));
            default:
                return [$"type code '{row.TypeCode}' does not fit the parts {string.Join(" + ", rate.Parts)}"];
        }
    }

    private static bool HasBasis(RatePart part) => part is AdValoremPart { Basis: not null } or SpecificPart { Basis: not null };

    private static string Quantity(FileRateRow row, int which) => which == 1 ? row.Quantity1 : row.Quantity2;

    /// <summary>The file's specific and other columns for two specific parts, one on each quantity.</summary>
    private static (decimal OnQuantity1, decimal OnQuantity2)? OnBothQuantities(FileRateRow row, List<SpecificPart> specifics)
    {
        if (specifics is not [var a, var b])
        {
            return null;
        }

        var (a1, b2) = (PerFileUnit(a, row.Quantity1), PerFileUnit(b, row.Quantity2));
        if (a1 is { } aOn1 && b2 is { } bOn2)
        {
            return (aOn1, bOn2);
        }

        return (PerFileUnit(b, row.Quantity1), PerFileUnit(a, row.Quantity2)) is ({ } bOn1, { } aOn2) ? (bOn1, aOn2) : null;
    }

    /// <summary>
    /// The part's amount as the file shows it per <paramref name="fileUnit"/>, or null when the part is
    /// not charged per that unit. The file writes a few units its own way: a thousand pieces as NO
    /// (the amount per piece), "each" also as PCS, a jewel as JWL, kilograms of total sugars as KTS and
    /// kilograms of a metal's content as CKG (content kilogram). Chapter 99 quota lines have no
    /// statistical unit (NA), so there only the amount can be checked.
    /// </summary>
    private static decimal? PerFileUnit(SpecificPart part, string fileUnit)
    {
        decimal? perUnit = (part.Unit, part.Basis, fileUnit) switch
        {
            (RateUnits.Thousand, _, "NO") => part.DollarsPerUnit / 1000m,
            (RateUnits.Number, "jewel", "JWL") => part.DollarsPerUnit,
            (RateUnits.Number, "jewel", _) => null,
            (RateUnits.Number, null, "PCS") => part.DollarsPerUnit,
            (RateUnits.Kilogram, "total sugars", "KTS") => part.DollarsPerUnit,
            (RateUnits.Kilogram, { } basis, "CKG") when basis.EndsWith(" content", StringComparison.Ordinal) => part.DollarsPerUnit,
            (_, _, NoStatisticalUnit) => part.DollarsPerUnit,
            var (unit, _, file) when unit == file => part.DollarsPerUnit,
            _ => null,
        };
        return perUnit is { } value ? Shown(value) : null;
    }

    private static IEnumerable<string> Columns(FileRateRow row, decimal? adValorem, decimal? specific, decimal? other)
    {
        if (row.AdValorem != adValorem)
        {
            yield return $"mfn_ad_val_rate {row.AdValorem} (expected {adValorem})";
        }

        if (specific is null && row.Specific is not null && !(row.TypeCode is "" or "T" or "X"))
        {
            yield return $"no part is charged per the quantity unit the type code names ({row.Quantity1}/{row.Quantity2})";
        }
        else if (row.Specific != specific)
        {
            yield return $"mfn_specific_rate {row.Specific} (expected {specific})";
        }

        if (row.Other != other)
        {
            yield return $"mfn_other_rate {row.Other} (expected {other})";
        }
    }

    private static IEnumerable<string> Expect(bool holds, string what)
    {
        if (!holds)
        {
            yield return $"expected {what}";
        }
    }
}
