using Sylvan.Data.Csv;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Import;

/// <summary>
/// The annex 6.1 table bundled with the service (data/phase-one/annex_6_1_hs4_categories.csv): its
/// <c>hs4_o</c> (the annex line's HS code, four to ten digits) and <c>high_catagory</c> columns
/// only, as the descriptions are OCR-noisy. Every line must be an HS code of one of the
/// agreement's goods categories, listed once; a table that breaks that is a
/// <see cref="FormatException"/> at start rather than purchases counted astray.
/// </summary>
public static class PhaseOneAnnex
{
    private const string Resource = "TradeGrpc.Negotiation.PhaseOne.annex_6_1_hs4_categories.csv";

    private static readonly Dictionary<string, PurchaseCategory> Categories = new(StringComparer.Ordinal)
    {
        ["1. Manufactured Goods"] = PurchaseCategory.ManufacturedGoods,
        ["2. Agriculture"] = PurchaseCategory.Agriculture,
        ["3. Energy"] = PurchaseCategory.Energy,
    };

    public static AnnexTable Load()
    {
        using var stream = typeof(PhaseOneAnnex).Assembly.GetManifestResourceStream(Resource)!;
        using var csv = CsvDataReader.Create(new StreamReader(stream));
        var (code, category) = (csv.GetOrdinal("hs4_o"), csv.GetOrdinal("high_catagory"));
        var lines = new Dictionary<string, PurchaseCategory>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var hs = csv.GetString(code);
            if (hs.Length is < 4 or > 10 || !hs.All(char.IsAsciiDigit) || !Categories.TryGetValue(csv.GetString(category), out var counts)
                || !lines.TryAdd(hs, counts))
            {
                throw new FormatException($"{Resource}: '{hs}' is no HS code listed once for one of the agreement's categories ('{csv.GetString(category)}').");
            }
        }

        return new AnnexTable(lines);
    }
}
