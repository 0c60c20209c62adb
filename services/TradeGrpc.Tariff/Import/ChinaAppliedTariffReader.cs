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
        var csv = new CsvReader(text);
        var header = csv.ReadRecord() ?? throw new FormatException("The file is empty.");
        int date = header.IndexOf("time_of_tariff"), code = header.IndexOf("hs6"), rate = header.IndexOf("tariff");
        if (date < 0 || code < 0 || rate < 0)
        {
            throw new FormatException("The file needs the columns time_of_tariff, hs6 and tariff.");
        }

        var rates = new List<ChinaAppliedRate>();
        var line = 1;
        while (csv.ReadRecord() is { } record)
        {
            line++;
            if (record is [""] || (record.Count > rate && record[rate].Length == 0))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(record[date], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || record[code].Length != 6
                || !decimal.TryParse(record[rate], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                throw new FormatException($"Line {line} is not a date, a 6-digit code and a rate.");
            }

            rates.Add(new ChinaAppliedRate(record[code], from, percent));
        }

        return rates;
    }
}
