using System.Globalization;
using System.Text;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Reads the USITC annual tariff database in its published form: comma-separated, quoted,
/// Latin-1, one row per 8-digit subheading and validity window. Columns are found by their
/// header names, so files of other years with more or fewer columns read the same way. A row
/// that repeats the code and start date of an earlier one is kept aside as a duplicate: which of
/// the two is meant cannot be told.
/// </summary>
public static class UsitcTariffDatabaseReader
{
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private static readonly string[] DateFormats = ["M/d/yyyy H:mm:ss", "M/d/yyyy", "yyyy-MM-dd"];

    public static TariffDatabaseRead Read(Stream stream)
    {
        using var text = new StreamReader(stream, Latin1);
        using var csv = CsvRows.Open(text,
            "hts8", "brief_description", "mfn_text_rate", "col2_text_rate", "quantity_1_code", "quantity_2_code", "begin_effect_date", "end_effective_date");
        var lines = new List<TariffLineRecord>();
        var rejected = new List<RejectedRow>();
        var duplicates = new List<RejectedRow>();
        var firstLines = new Dictionary<(string, DateOnly), int>();
        var rows = 0;
        while (csv.Read())
        {
            rows++;
            var hts8 = csv["hts8"];
            if (hts8.Length != 8 || !hts8.All(char.IsAsciiDigit))
            {
                rejected.Add(new RejectedRow(csv.Line, hts8, "hts8 is not eight digits"));
                continue;
            }

            if (!TryDate(csv["begin_effect_date"], out var from) || !TryDate(csv["end_effective_date"], out var to) || to < from)
            {
                rejected.Add(new RejectedRow(csv.Line, hts8, "validity dates are missing or out of order"));
                continue;
            }

            if (!firstLines.TryAdd((hts8, from), csv.Line))
            {
                duplicates.Add(new RejectedRow(csv.Line, hts8, $"repeats the code and start date of line {firstLines[(hts8, from)]}"));
                continue;
            }

            lines.Add(new TariffLineRecord(hts8, csv["brief_description"].Trim(), csv["mfn_text_rate"].Trim(), csv["col2_text_rate"].Trim(),
                csv["quantity_1_code"].Trim(), csv["quantity_2_code"].Trim(), from, to)
            {
                SpecialRateText = csv.Optional("col1_special_text").Trim(),
            });
        }

        return new TariffDatabaseRead(lines, rejected, rows) { Duplicates = duplicates };
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        var ok = DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = DateOnly.FromDateTime(parsed);
        return ok;
    }
}
