using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace TradeGrpc.Tariff.Domain.Tests.Rates;

/// <summary>
/// The MFN rate columns of one row of the bundled USITC file, read straight from the CSV (with
/// Sylvan.Data.Csv, not the service's reader): the printed text and the numeric columns the file
/// derives from it (null where the file leaves them blank).
/// </summary>
internal sealed record FileRateRow(
    int Line,
    string Hts8,
    string Text,
    string TypeCode,
    decimal? AdValorem,
    decimal? Specific,
    decimal? Other,
    string Quantity1,
    string Quantity2)
{
    /// <summary>The value the file writes where a row has no numbers (rate type codes T, X, K, 9, Q, N).</summary>
    public const decimal NotExpressed = 9999.99m;

    public static IReadOnlyList<FileRateRow> LoadBundled()
    {
        using var stream = BundledSchedule.Open();
        using var text = new StreamReader(stream, Encoding.Latin1);
        using var csv = CsvDataReader.Create(text);
        string Get(string column) => csv.GetString(csv.GetOrdinal(column)).Trim();

        var rows = new List<FileRateRow>();
        var line = 1; // the header
        while (csv.Read())
        {
            line++;
            rows.Add(new FileRateRow(
                line,
                Get("hts8"),
                Get("mfn_text_rate"),
                Get("mfn_rate_type_code"),
                Number(Get("mfn_ad_val_rate")),
                Number(Get("mfn_specific_rate")),
                Number(Get("mfn_other_rate")),
                Get("quantity_1_code"),
                Get("quantity_2_code")));
        }

        return rows;
    }

    /// <summary>"0.16", "1.34e-03", or blank.</summary>
    private static decimal? Number(string text) =>
        text.Length == 0 ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
