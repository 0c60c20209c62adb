using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Builds the measures of <c>measures/measures.json</c>: each names its dates, rates and
/// headings, and either lists its scope or says where the scope comes from: Section 301 annex
/// lists (<c>section301:3</c>, or several as <c>section301:1+2+3</c>, with the 10-digit splits), China's applied tariffs
/// (<c>china-applied</c>), or the codes China's applied rate rose on by a tranche's rate on its
/// date (<c>china-tranche:2019-09-01:10</c>), which <c>china-applied</c> then leaves out.
/// </summary>
public static class MeasureSeed
{
    private sealed record Definition(
        string Id, string Title, string Description, LegalBasisKind LegalBasis, string ImportingCountry, string[] Origins,
        string Heading, decimal? TradeValueUsd, string? ScopeFrom, string[]? SplitHeadings, ScopeEntry[]? Scope,
        RatePhaseRecord[] Phases, DateOnly? SuspendedFrom, CountryTreatment[]? CountryTreatments, string? ExcludedWith);

    private sealed record Definitions(Definition[] Measures);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<MeasureRecord> Build(BundledData data, ChinaTariffs china, DateTimeOffset now)
    {
        Definitions definitions;
        using (var stream = File.OpenRead(Path.Combine(data.Directory, "measures", "measures.json")))
        {
            definitions = JsonSerializer.Deserialize<Definitions>(stream, Json)
                ?? throw new FormatException("measures.json is empty.");
        }

        var annex = Read(Path.Combine(data.Directory, "section301", "annex_lists.csv"), "hts", "list", "heading")
            .Select(r => (Code: r[0], List: r[1], Heading: r[2]))
            .ToList();
        var splits = Read(Path.Combine(data.Directory, "section301", "ten_digit_splits.csv"), "hts10", "heading")
            .Select(r => (Code: r[0], Heading: r[1]))
            .ToList();

        var scopes = definitions.Measures.ToDictionary(d => d.Id, d => new List<ScopeEntry>(d.Scope ?? []));
        var tranches = definitions.Measures.Select(d => d.ScopeFrom?.Split(':'))
            .OfType<string[]>().Where(from => from is ["china-tranche", _, _])
            .Select(Tranche)
            .ToList();
        foreach (var definition in definitions.Measures)
        {
            var scope = scopes[definition.Id];
            switch (definition.ScopeFrom?.Split(':'))
            {
                case ["section301", var lists]:
                    scope.AddRange(annex.Where(r => lists.Split('+').Contains(r.List))
                        .Select(r => new ScopeEntry(r.Code, Heading: r.Heading == definition.Heading ? "" : r.Heading)));
                    break;
                case ["china-applied"]:
                    scope.AddRange(china.Retaliation(tranches).Select(r =>
                        new ScopeEntry(r.Hs6, Phases: [.. r.Phases.Select(p => new RatePhaseRecord(p.From, p.Percent))])));
                    break;
                case ["china-tranche", _, _] from:
                    var (date, percent) = Tranche(from);
                    scope.AddRange(china.RaisedOn(date, percent).Select(code => new ScopeEntry(code)));
                    break;
                case null:
                    break;
                default:
                    throw new FormatException($"Measure {definition.Id} has an unknown scopeFrom '{definition.ScopeFrom}'.");
            }
        }

        AddTenDigitSplits(definitions.Measures, scopes, splits);

        return [.. definitions.Measures.Select(d => new MeasureRecord(
            d.Id, d.Title, d.Description, d.LegalBasis, d.ImportingCountry, d.Origins, d.Heading, scopes[d.Id], d.TradeValueUsd,
            RatePhases.Sorted(d.Phases), MeasureStage.Announced, d.SuspendedFrom, now, now, 1)
        {
            CountryTreatments = d.CountryTreatments ?? [],
            ExcludedWith = d.ExcludedWith ?? "",
        })];
    }

    /// <summary>The date and rate of a <c>china-tranche:2019-09-01:10</c> scope.</summary>
    private static (DateOnly Date, decimal Percent) Tranche(string[] scopeFrom) =>
        (DateOnly.ParseExact(scopeFrom[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(scopeFrom[2], CultureInfo.InvariantCulture));

    /// <summary>
    /// A 10-digit code in the splits table belongs to the measure of its heading, and is carved
    /// out of any other Section 301 measure that lists its 8-digit parent.
    /// </summary>
    private static void AddTenDigitSplits(Definition[] definitions, Dictionary<string, List<ScopeEntry>> scopes, List<(string Code, string Heading)> splits)
    {
        var section301 = definitions.Where(d => d.LegalBasis == LegalBasisKind.Section301).ToArray();
        foreach (var (code, heading) in splits)
        {
            var owner = section301.FirstOrDefault(d => d.Heading == heading || (d.SplitHeadings ?? []).Contains(heading))
                ?? throw new FormatException($"No Section 301 measure has heading {heading} of split {code}.");
            scopes[owner.Id].Add(new ScopeEntry(code, Heading: heading == owner.Heading ? "" : heading));
            foreach (var other in section301.Where(d => d != owner && scopes[d.Id].Exists(e => e.Code == code[..8])))
            {
                scopes[other.Id].Add(new ScopeEntry(code, CarvedOut: true));
            }
        }
    }

    /// <summary>The rows of <paramref name="file"/> with a value in its first column, each as the values of <paramref name="columns"/>.</summary>
    private static List<string[]> Read(string file, params string[] columns)
    {
        using var reader = new StreamReader(file);
        using var csv = CsvRows.Open(reader, columns);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            if (csv[columns[0]].Length > 0)
            {
                rows.Add([.. columns.Select(c => csv[c])]);
            }
        }

        return rows;
    }
}
