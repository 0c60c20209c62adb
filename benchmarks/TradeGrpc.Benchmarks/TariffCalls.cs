using Google.Type;
using Grpc.Net.Client;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>The RPCs the benchmarks load: the no-op baseline and two tariff questions with real codes.</summary>
internal static class TariffCalls
{
    /// <summary>Wooden furniture parts of China in mid-2019: the MFN rate and Section 301 list 3 at 25%.</summary>
    public static LookupRatesRequest FurnitureLookup { get; } = new()
    {
        HtsCode = "9403.60.80",
        OriginCountry = "CN",
        ImportingCountry = "US",
        EntryDate = Day(2019, 7, 1),
    };

    /// <summary>An entry of ten lines of Chinese goods: specific and ad valorem base rates, Section 232 and 301.</summary>
    public static QuoteDutyRequest TenLineEntry { get; } = new()
    {
        ImportingCountry = "US",
        EntryDate = Day(2019, 10, 1),
        Lines =
        {
            Line("9028.10.00", 5_000, ("NO", "100")),
            Line("9403.60.80", 10_000),
            Line("8471.30.01", 20_000),
            Line("7216.10.00", 10_000),
            Line("2845.90.00", 5_000),
            Line("8517.62.00.90", 1_000),
            Line("4901.99.00.10", 1_000),
            Line("6109.10.00", 3_000),
            Line("3926.90.99", 2_000),
            Line("8504.40.95", 4_000),
        },
    };

    public static RpcUnderLoad Noop { get; } = new("Ping (no-op)", channel =>
    {
        var client = new DiagnosticsService.DiagnosticsServiceClient(channel);
        var request = new PingRequest();
        return async cancel =>
        {
            using var call = client.PingAsync(request, cancellationToken: cancel);
            await call.ResponseAsync;
        };
    });

    public static RpcUnderLoad Lookup { get; } = new("LookupRates", channel =>
    {
        var client = new TariffService.TariffServiceClient(channel);
        return async cancel =>
        {
            using var call = client.LookupRatesAsync(FurnitureLookup, cancellationToken: cancel);
            await call.ResponseAsync;
        };
    });

    public static RpcUnderLoad Quote { get; } = new("QuoteDuty (10 lines)", channel =>
    {
        var client = new TariffService.TariffServiceClient(channel);
        return async cancel =>
        {
            using var call = client.QuoteDutyAsync(TenLineEntry, cancellationToken: cancel);
            await call.ResponseAsync;
        };
    });

    /// <summary>Fails unless the service answers the benchmark's questions with the duties the book holds, so that the load measures real work.</summary>
    public static async Task CheckAnswersAsync(GrpcChannel channel)
    {
        var client = new TariffService.TariffServiceClient(channel);
        var lookup = await client.LookupRatesAsync(FurnitureLookup);
        if (!lookup.Rates.Any(r => r.Measure == "measures/us-301-list-3" && r.RateText == "25%"))
        {
            throw new InvalidOperationException($"LookupRates did not find list 3 at 25%: {lookup}");
        }

        var quote = await client.QuoteDutyAsync(TenLineEntry);
        if (quote.Lines.Count != TenLineEntry.Lines.Count || quote.TotalDuty.Units <= 0 || quote.DeMinimis)
        {
            throw new InvalidOperationException($"QuoteDuty did not price the ten lines: {quote}");
        }
    }

    /// <summary>Fails unless China's applied tariffs are loaded: US soybeans on the day of the first retaliation owe 3% plus 25%.</summary>
    public static async Task CheckChinaTariffsAsync(GrpcChannel channel)
    {
        var lookup = await new TariffService.TariffServiceClient(channel).LookupRatesAsync(new LookupRatesRequest
        {
            HtsCode = "1201.90",
            OriginCountry = "US",
            ImportingCountry = "CN",
            EntryDate = Day(2018, 7, 6),
        });
        if (!lookup.Rates.Select(r => r.RateText).SequenceEqual(["3%", "25%"]))
        {
            throw new InvalidOperationException($"LookupRates did not find China's base rate and retaliation: {lookup}");
        }
    }

    private static Date Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private static QuoteLine Line(string htsCode, long usd, params (string Unit, string Value)[] quantities) => new()
    {
        HtsCode = htsCode,
        OriginCountry = "CN",
        CustomsValue = new Money { CurrencyCode = "USD", Units = usd },
        Quantities = { quantities.Select(q => new Quantity { Unit = q.Unit, Value = new Google.Type.Decimal { Value = q.Value } }) },
    };
}
