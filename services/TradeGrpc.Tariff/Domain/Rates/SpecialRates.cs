using System.Text.RegularExpressions;

namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>One special rate of column 1 and the preference programs that grant it, as printed.</summary>
public sealed record SpecialRate(string RateText, IReadOnlyList<string> Programs);

/// <summary>
/// Reads the special rates column of the USITC schedule (<c>col1_special_text</c>): groups of a
/// rate and the programs that grant it in parentheses, such as
/// <c>Free (A,AU,BH,CA,...,SG) 2.6% (KR)</c>. The published file is not always tidy, so a group's
/// closing parenthesis may be missing and its codes may be split by commas, full stops or blanks.
/// Parentheses holding anything but program codes (a note such as "see U.S. note 3") are part of the
/// rate they are printed in.
/// </summary>
public static partial class SpecialRates
{
    public static IReadOnlyList<SpecialRate> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rates = new List<SpecialRate>();
        var rate = "";
        foreach (Match group in Group().Matches(text))
        {
            rate = $"{rate} {group.Groups["rate"].Value.Trim()}".Trim();
            var programs = Separators().Split(group.Groups["programs"].Value).Where(code => code.Length > 0).ToArray();
            if (programs.Length > 0 && programs.All(code => ProgramCode().IsMatch(code)))
            {
                rates.Add(new SpecialRate(rate, programs));
                rate = "";
            }
            else
            {
                // A note in parentheses belongs to the rate it is printed in.
                rate = $"{rate} ({group.Groups["programs"].Value.Trim()})";
            }
        }

        return rates;
    }

    /// <summary>A rate and its parenthesised programs; the last group's ")" may be missing.</summary>
    [GeneratedRegex(@"(?<rate>[^()]*?)\s*\((?<programs>[^()]*)(?:\)+|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Group();

    [GeneratedRegex(@"[\s,.]+", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    /// <summary>Program codes as the schedule prints them: <c>A</c>, <c>A*</c>, <c>A+</c>, <c>KR</c>, <c>P+</c>, <c>NP</c>.</summary>
    [GeneratedRegex(@"^[A-Z]{1,2}[*+]?$", RegexOptions.CultureInvariant)]
    private static partial Regex ProgramCode();
}
