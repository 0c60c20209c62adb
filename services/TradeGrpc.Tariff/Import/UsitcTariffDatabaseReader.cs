using System.Globalization;
using System.Text;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Reads the USITC annual tariff database in its published form: comma-separated, quoted,
/// Latin-1, one row per 8-digit subheading and validity window. Columns are found by their
/// header names, so files of other years with more or fewer columns read the same way.
/// </summary>
public static class UsitcTariffDatabaseReader
{
    private static readonly Encoding Latin1 = Encoding.Latin1;
    private static readonly string[] DateFormats = ["M/d/yyyy H:mm:ss", "M/d/yyyy", "yyyy-MM-dd"];

    public static TariffDatabaseRead Read(Stream stream)
    {
        using var text = new StreamReader(stream, Latin1);
        var csv = new CsvReader(text);
        var header = csv.ReadRecord() ?? throw new FormatException("The file is empty.");
        var columns = new ColumnMap(header);
        var lines = new List<TariffLineRecord>();
        var rejected = new List<RejectedRow>();
        var rows = 0;
        var lineNumber = 1;
        while (csv.ReadRecord() is { } record)
        {
            lineNumber++;
            if (record is [""])
            {
                continue;
            }

            rows++;
            var hts8 = columns.Get(record, "hts8");
            if (hts8.Length != 8 || !hts8.All(char.IsAsciiDigit))
            {
                rejected.Add(new RejectedRow(lineNumber, hts8, "hts8 is not eight digits"));
                continue;
            }

            if (!TryDate(columns.Get(record, "begin_effect_date"), out var from) ||
                !TryDate(columns.Get(record, "end_effective_date"), out var to) || to < from)
            {
                rejected.Add(new RejectedRow(lineNumber, hts8, "validity dates are missing or out of order"));
                continue;
            }

            lines.Add(new TariffLineRecord(
                hts8,
                columns.Get(record, "brief_description").Trim(),
                columns.Get(record, "mfn_text_rate").Trim(),
                columns.Get(record, "col2_text_rate").Trim(),
                columns.Get(record, "quantity_1_code").Trim(),
                columns.Get(record, "quantity_2_code").Trim(),
                from,
                to));
        }

        return new TariffDatabaseRead(lines, rejected, rows);
    }

    private static bool TryDate(string text, out DateOnly date)
    {
        var ok = DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = DateOnly.FromDateTime(parsed);
        return ok;
    }

    private sealed class ColumnMap
    {
        private static readonly string[] Required =
            ["hts8", "brief_description", "mfn_text_rate", "col2_text_rate", "quantity_1_code", "quantity_2_code", "begin_effect_date", "end_effective_date"];

        private readonly Dictionary<string, int> index;

        public ColumnMap(List<string> header)
        {
            index = header.Select((name, i) => (name: name.Trim().ToLowerInvariant(), i))
                .GroupBy(c => c.name)
                .ToDictionary(g => g.Key, g => g.First().i);
            var missing = Required.Where(c => !index.ContainsKey(c)).ToArray();
            if (missing.Length > 0)
            {
                throw new FormatException($"The file lacks the column(s) {string.Join(", ", missing)}.");
            }
        }

        public string Get(List<string> record, string column)
        {
            var i = index[column];
            return i < record.Count ? record[i] : "";
        }
    }
}
