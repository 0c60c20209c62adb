using TradeGrpc.Tariff.Domain.Rates;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

/// <summary>
/// Proves the parser against the file's own numeric columns: every row whose text parses must agree
/// with <c>mfn_rate_type_code</c>, <c>mfn_ad_val_rate</c>, <c>mfn_specific_rate</c> and <c>mfn_other_rate</c>.
/// </summary>
public sealed class RateCrossCheckTests
{
    /// <summary>
    /// Rows whose numeric columns are wrong in the published file, with why and the correction that makes
    /// them agree. Each must disagree as published and agree once corrected, so a fixed file shows here too.
    /// </summary>
    private static readonly FileCorrection[] KnownFileErrors =
    [
        new(1929, "22042260", "specific rate 0.01 for 14 cents/liter; the other row with this text has 0.14",
            row => row with { Specific = 0.14m }),
        new(10818, "91061000", "type code 5 for three parts; its columns are laid out as type 6 (other rate per jewel)",
            row => row with { TypeCode = "6" }),
        new(11647, "99040497", "type code 1 (specific only) for '16.7 cents/kg+ 5.7%', whose ad valorem column is set",
            row => row with { TypeCode = "4" }),
        new(11857, "99041740", "type code 1 (specific only) for '13.3 cents/kg +3.5%', whose ad valorem column is set",
            row => row with { TypeCode = "4" }),
    ];

    [Fact]
    public void Parse_EveryBundledRowThatParses_AgreesWithTheNumericColumns()
    {
        var rows = FileRateRow.LoadBundled();
        var known = KnownFileErrors.Select(e => e.Line).ToHashSet();

        var parsed = rows.Select(row => (row, rate: RateParser.Parse(row.Text).Rate))
            .Where(r => r.rate is not null && !known.Contains(r.row.Line))
            .ToList();
        var disagreements = parsed
            .SelectMany(r => FileRateColumns.Disagreements(r.row, r.rate!).Select(problem => Describe(r.row, problem)))
            .ToList();

        Assert.Equal(12_861, rows.Count);
        Assert.Equal(11_803, parsed.Count); // 11,807 rows parse; four are the known file errors below.
        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements));
    }

    [Fact]
    public void Parse_KnownFileErrors_DisagreeAsPublishedAndAgreeOnceCorrected()
    {
        var rows = FileRateRow.LoadBundled().ToDictionary(r => r.Line);

        foreach (var error in KnownFileErrors)
        {
            var row = rows[error.Line];
            Assert.Equal(error.Hts8, row.Hts8);
            var rate = RateParser.Parse(row.Text).Rate;
            Assert.NotNull(rate);

            Assert.NotEmpty(FileRateColumns.Disagreements(row, rate));
            var corrected = FileRateColumns.Disagreements(error.Correct(row), rate).Select(p => Describe(row, p)).ToList();
            Assert.True(corrected.Count == 0, $"{error.Why}: {string.Join("; ", corrected)}");
        }
    }

    private static string Describe(FileRateRow row, string problem) =>
        $"line {row.Line} {row.Hts8} type {row.TypeCode} '{row.Text}': {problem}";

    private sealed record FileCorrection(int Line, string Hts8, string Why, Func<FileRateRow, FileRateRow> Correct);
}
