using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Rates and duties too large to state: each host imports a schedule of its own.</summary>
public sealed class DutyRangeTests
{
    [Fact]
    public async Task QuoteDuty_EntryOwingMoreThanAnInt64OfDollars_IsInvalidArgumentOnTheLines()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);
        await ImportApiTests.ImportAsync(client, ImportApiTests.Header + "24012005,Tobacco,KG,,$5000000/kg,,1/1/2030,12/31/2050\n", 1024);
        var line = Line("2401.20.05", "MX", 1000, ("KG", 999_999_999_999_999m));

        // $5,000,000/kg on 999,999,999,999,999 kg is about 5e21 dollars a line; an int64 holds about 9.2e18.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(Entry("US", Day(2030, 6, 1), line, line)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("DUTY_OUT_OF_RANGE", error.GetErrorInfo()?.Reason);
        Assert.Equal(["lines"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ImportTariffData_RateWithMoreDigitsThanADecimalHolds_ImportsTheLineWithoutARate()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);

        var summary = await ImportApiTests.ImportAsync(client,
            ImportApiTests.Header + "24012005,Tobacco,KG,,99999999999999999999999999999999%,,1/1/2030,12/31/2050\n", 1024);
        var tobacco = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/24012005" });

        Assert.Equal((1, 1, 1), (summary.RowsRead, summary.RowsImported, summary.RatesUnparsed));
        Assert.Equal("99999999999999999999999999999999%", tobacco.MfnRateText);
    }
}
