using System.Globalization;

namespace TradeGrpc.Tariff.Domain.Tests;

/// <summary>Days written as the data files write them, for test data: <c>2018-07-06</c>.</summary>
internal static class IsoDates
{
    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
