using System.Globalization;
using System.Text.RegularExpressions;

namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>
/// Reads a duty rate as the USITC schedule prints it ("Free", "16%", "1.9 cents/kg",
/// "16 cents each + 2.5%", "$1.05/kg", "51 cents each + 6.25% on the case + 5.3% on the battery").
/// A text reads as a rate only when every one of its "+"-separated terms is a whole percent or
/// amount-per-unit term; any other text gives the reason it is not a rate, never a partial rate.
/// A number in a rate has at most 9 digits before and 9 after its point: longer is no rate anyone
/// printed, and could not be multiplied by a quantity without overflowing.
/// </summary>
public static partial class RateParser
{
    public static RateParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return RateParse.NotARate(RateReasons.NoRatePrinted);
        }

        if (FreeText().IsMatch(trimmed))
        {
            return RateParse.Parsed(Rate.Free(text));
        }

        var parts = new List<RatePart>();
        foreach (var term in trimmed.Split('+'))
        {
            if (ParseTerm(term.Trim()) is not { } part)
            {
                return RateParse.NotARate(ReasonFor(trimmed));
            }

            parts.Add(part);
        }

        return RateParse.Parsed(Rate.Of(parts, text));
    }

    private static RatePart? ParseTerm(string term)
    {
        if (PercentTerm().Match(term) is { Success: true } percent)
        {
            return new AdValoremPart(Number(percent.Groups["n"].Value), BasisOf(percent));
        }

        if (PercentOfTerm().Match(term) is { Success: true } percentOf)
        {
            return new AdValoremPart(Number(percentOf.Groups["n"].Value), BasisOf(percentOf));
        }

        if (AmountTerm().Match(term) is not { Success: true } amount)
        {
            return null;
        }

        var dollars = amount.Groups["dollars"].Success
            ? Number(amount.Groups["dollars"].Value)
            : Number(amount.Groups["cents"].Value) / 100m;
        var basis = BasisOf(amount);
        if (!amount.Groups["unit"].Success)
        {
            return new SpecificPart(dollars, RateUnits.Number, basis);
        }

        if (!RateUnits.TryFind(amount.Groups["unit"].Value, out var unit, out var unitBasis) ||
            (unitBasis is not null && basis is not null))
        {
            return null;
        }

        return new SpecificPart(dollars, unit, unitBasis ?? basis);
    }

    private static decimal Number(string digits) =>
        decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string? BasisOf(Match match) =>
        match.Groups["basis"] is { Success: true } basis ? Blanks().Replace(basis.Value, " ") : null;

    /// <summary>Why a text that is not a rate is not one.</summary>
    private static string ReasonFor(string text)
    {
        if (text.Contains("for each degree", StringComparison.OrdinalIgnoreCase))
        {
            return RateReasons.DependsOnSugarDegree;
        }

        if (text.Contains("shall not exceed the duty", StringComparison.OrdinalIgnoreCase))
        {
            return RateReasons.CappedByAnotherProvision;
        }

        if (UsNoteText().IsMatch(text))
        {
            return RateReasons.RefersToUsNote;
        }

        if (text.StartsWith("The quantity specified", StringComparison.OrdinalIgnoreCase))
        {
            return RateReasons.QuotaQuantity;
        }

        if (OtherProvisionText().IsMatch(text))
        {
            return RateReasons.RefersToAnotherProvision;
        }

        return BareNumber().IsMatch(text) ? RateReasons.NumberWithoutUnit : RateReasons.Unrecognized;
    }

    /// <summary>"Free", "Free, under bond, ...", "Free (see U.S. note 4 ...)", "No additional duty".</summary>
    [GeneratedRegex(@"^(?:Free(?:,\s.*|\s+\(.*\))?|No\s+additional\s+duty)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex FreeText();

    /// <summary>"2.5%", "6% on the case", "2.5% on the value of the lead content".</summary>
    [GeneratedRegex(@"^(?<n>[0-9]{1,9}(?:\.[0-9]{1,9})?)\s*%(?:\s+on\s+(?<basis>\S.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PercentTerm();

    /// <summary>"1.5 percent of the fair retail value".</summary>
    [GeneratedRegex(@"^(?<n>[0-9]{1,9}(?:\.[0-9]{1,9})?)\s+percent\s+of\s+(?:the\s+)?(?<basis>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PercentOfTerm();

    /// <summary>
    /// "1.9 cents/kg", "4.4¢/liter", "$1.05/kg", "16 cents each", "3.7 cents/kg on drained weight",
    /// "0.01 cents/kg of total sugars", "22.1 cents/pf. liter on ethyl alcohol content".
    /// </summary>
    [GeneratedRegex(@"^(?:\$(?<dollars>[0-9]{1,9}(?:\.[0-9]{1,9})?)|(?<cents>[0-9]{1,9}(?:\.[0-9]{1,9})?)\s*(?:cents|¢))(?:\s+each|\s*/\s*(?<unit>\S.*?))(?:\s+(?:on|of)\s+(?<basis>\S.*))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AmountTerm();

    [GeneratedRegex(@"^See\s+(?:additional\s+)?U\.S\.\s+note", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UsNoteText();

    /// <summary>"The rate applicable to ...", "The duty rate provided in such subheading minus 0.5%", "A duty upon the value of ...".</summary>
    [GeneratedRegex(@"^(?:The\s+(?:duty\s+)?rate\b|A\s+duty\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherProvisionText();

    [GeneratedRegex(@"^[0-9]+(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Blanks();
}
