using System.Text.RegularExpressions;
using Buf.Validate;

namespace TradeGrpc.Validation.Tests;

/// <summary>
/// The automaton a pattern compiles to matches what .NET's regex matches on the same pattern read as RE2 reads it (a final
/// <c>$</c> as <c>\z</c>), on every pattern of the contract and on the corners of the subset.
/// </summary>
public sealed class TextPatternTests
{
    /// <summary>Patterns on the corners of the subset: alternation, every quantifier (lazy too), unanchored ends, classes, escapes.</summary>
    private static readonly string[] Corners =
    [
        "^$", "a", "^a", "a$", "^(ab|cd)+$", "^a(b|)c$", "^x*?y+?z??$", "^a{2}$", "^a{2,}$", "^a{0,3}b{1,2}$", "^[^a-c]{2}$",
        "^[a-]$", "^[-a]$", @"^[\]\-]+$", @"^a\.b\$$", @"a\$", "^.+$", "^(a|b)*c(d|e)?$", "b{,2}", "^a{1,1000}$", "^(ab?)*$", "^[é-ü]+$", "x|y", "^(|a)$",
    ];

    private static readonly int[] RunLengths = [1, 2, 3, 9, 10, 62, 63, 64, 1000, 1001];

    /// <summary>Patterns outside the subset, each left to protovalidate.</summary>
    public static TheoryData<string> Outside() =>
        [
            @"^\d+$", "(?i)^a$", "^[[:alpha:]]$", "^a|b$", "a**", "^a{2,1}$", "^[]a]$", "a^b", "a$b", "^(a$", "^a)$", "^[a$", "*a", "^a{1001}$", @"^a\",
            "^a{12345}$", "^(a{501}){2}$", "^((a{2}){2}){251}$", "^[^a-😀]*$", "^x😀?$",
        ];

    public static TheoryData<string> Patterns() => [.. ContractPatterns().Concat(Corners).Distinct()];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void IsMatch_OnTextsInAndAroundThePattern_AgreesWithDotNetReadingItAsRe2(string pattern)
    {
        var automaton = TextPattern.TryCompile(pattern);
        var oracle = new Regex(AsDotNet(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var texts = Texts(pattern).ToList();

        var disagreements = texts.Where(t => automaton!.IsMatch(t) != oracle.IsMatch(t)).Take(5).ToList();

        Assert.NotNull(automaton);
        Assert.Empty(disagreements);
        // Both verdicts are reached, so the test would see an automaton that accepts or rejects everything.
        Assert.Contains(texts, automaton.IsMatch);
        Assert.Contains(texts, t => !automaton.IsMatch(t));
    }

    [Fact]
    public void IsMatch_ACountWithALeadingZero_ReadsItAsTextAsRe2Does()
    {
        // .NET reads {0,01} as a count, RE2 as text: here the automaton follows RE2.
        var pattern = TextPattern.TryCompile("^a{0,01}$");

        Assert.True(pattern!.IsMatch("a{0,01}"));
        Assert.False(pattern.IsMatch("a"));
    }

    [Theory]
    [MemberData(nameof(Outside))]
    public void TryCompile_APatternOutsideTheSubset_IsNull(string pattern) => Assert.Null(TextPattern.TryCompile(pattern));

    /// <summary>Every pattern of a string rule and of a decimal CEL rule reached from the requests of both services.</summary>
    private static IEnumerable<string> ContractPatterns()
    {
        const string Matches = "this.value.matches('";
        foreach (var field in RequestTypes.Reached.SelectMany(d => d.Fields.InDeclarationOrder()))
        {
            var rules = field.GetOptions()?.GetExtension(ValidateExtensions.Field);
            var items = rules?.Repeated?.Items;
            foreach (var pattern in new[] { rules?.String?.Pattern, items?.String?.Pattern }.Where(p => !string.IsNullOrEmpty(p)))
            {
                yield return pattern!;
            }

            foreach (var cel in rules?.Cel.Where(c => c.Expression.StartsWith(Matches, StringComparison.Ordinal)) ?? [])
            {
                yield return cel.Expression[Matches.Length..^2];
            }
        }
    }

    /// <summary>The corpus of the agreement tests, and short random texts over the pattern's own characters and a few others, each with a final line break too.</summary>
    private static IEnumerable<string> Texts(string pattern)
    {
        var random = new Random(pattern.GetHashCode(StringComparison.Ordinal));
        var alphabet = pattern.Where(c => c != '\\').Concat("aAbz09.-/ é\n").Distinct().ToArray();
        var texts = Candidates.Strings(null).Where(t => !t.Any(char.IsSurrogate)).ToList();
        // The pattern read as plain text, its anchors and escapes taken off: a match of a pattern of literals.
        texts.Add(pattern[(pattern.StartsWith('^') ? 1 : 0)..(pattern.EndsWith('$') ? ^1 : ^0)].Replace("\\", "", StringComparison.Ordinal));
        for (var i = 0; i < 3000; i++)
        {
            texts.Add(new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        }

        // Runs of one character reach counted repetitions such as {1,63}.
        texts.AddRange(alphabet.SelectMany(c => RunLengths.Select(n => new string(c, n))));
        return texts.Concat(texts.Select(t => t + "\n"));
    }

    /// <summary>The pattern as .NET must read it to match as RE2 does: a final unescaped <c>$</c> matches only at the very end.</summary>
    private static string AsDotNet(string pattern)
    {
        if (!pattern.EndsWith('$'))
        {
            return pattern;
        }

        // An odd run of backslashes before the final $ escapes it.
        var slashes = pattern.Length - 1 - pattern[..^1].TrimEnd('\\').Length;
        return slashes % 2 == 0 ? pattern[..^1] + @"\z" : pattern;
    }
}
