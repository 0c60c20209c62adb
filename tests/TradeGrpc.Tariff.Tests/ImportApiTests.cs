using System.Text;
using Google.Protobuf;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

public sealed class ImportApiTests
{
    internal const string Header = "hts8,brief_description,quantity_1_code,quantity_2_code,mfn_text_rate,col2_text_rate,begin_effect_date,end_effective_date\n";

    internal static async Task<ImportTariffDataResponse> ImportAsync(TariffService.TariffServiceClient client, string csv, int chunkSize)
    {
        using var call = client.ImportTariffData();
        await call.RequestStream.WriteAsync(new ImportTariffDataRequest
        {
            Header = new ImportHeader { Format = TariffDataFormat.UsitcAnnualCsv, FileName = "tariff_database_2030.csv" },
        });
        var bytes = Encoding.Latin1.GetBytes(csv);
        for (var offset = 0; offset < bytes.Length; offset += chunkSize)
        {
            await call.RequestStream.WriteAsync(new ImportTariffDataRequest
            {
                Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(chunkSize, bytes.Length - offset)),
            });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    [Fact]
    public async Task ImportTariffData_NewerFileInChunks_ReplacesTheScheduleAndReportsEachProblem()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var csv = Header +
                  "01012100,Pure-bred horses,NO,,Free,Free,1/1/2030,12/31/2050\n" +
                  "90281000,Gas meters,NO,,17 cents each + 2.5%,$4.50 each + 65%,1/1/2030,12/31/2050\n" +
                  "9028100,Short code,NO,,Free,Free,1/1/2030,12/31/2050\n" +
                  "98010011,Returned goods,NO,,The rate applicable to the article,Free,1/1/2030,12/31/2050\n";

        var summary = await ImportAsync(client, csv, chunkSize: 50);
        var meters = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        var gone = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" }).ResponseAsync);

        Assert.Equal((4, 3, 1, 1), (summary.RowsRead, summary.RowsImported, summary.RowsRejected, summary.RatesUnparsed));
        Assert.Equal([(4, "9028100", false), (0, "98010011", true)], summary.Problems.Select(p => (p.Line, p.Hts8, p.Imported)));
        Assert.Equal("17 cents each + 2.5%", meters.MfnRateText);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ImportTariffData_FileWithoutTheRateColumn_IsInvalidArgumentAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(client, "hts8,brief_description\n01012100,Horses\n", 1024));
        var kept = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/94036080" });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("UNREADABLE_FILE", error.GetErrorInfo()?.Reason);
        Assert.Equal("94036080", kept.Hts8);
    }
}
