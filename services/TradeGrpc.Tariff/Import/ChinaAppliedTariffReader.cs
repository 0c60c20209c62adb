using System.Globalization;
using TradeGrpc.Tariff.Domain.China;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Reads <c>applied_tariffs_on_us_goods_hs6.csv</c>: <c>time_of_tariff,hs6,tariff</c>, one row per
/// code and date. A row with no rate (the data has a few) publishes nothing for that date.
/// </summary>
public static class ChinaAppliedTariffReader
{
    public static IReadOnlyList<ChinaAppliedRate> Read(Stream stream)
    {
        using var text = new StreamReader(stream);
        using var csv = CsvRows.Open(text, "time_of_tariff", "hs6", "tariff");
        var rates = new List<ChinaAppliedRate>();
        while (csv.Read())
        {
            if (csv["tariff"].Length == 0)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(csv["time_of_tariff"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || csv["hs6"].Length != 6
                || !decimal.TryParse(csv["tariff"], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                throw new FormatException($"Line {csv.Line} is not a date, a 6-digit code and a rate.");
            }

            rates.Add(new ChinaAppliedRate(csv["hs6"], from, percent));
        }

        return rates;
    }
}
