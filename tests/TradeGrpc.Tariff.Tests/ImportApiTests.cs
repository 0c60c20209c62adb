using System.IO.Compression;
using System.Security.Cryptography;
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

    /// <summary>The header that states <paramref name="file"/> truly: its length, SHA-256 and <paramref name="rows"/>.</summary>
    internal static ImportHeader HeaderOf(byte[] file, int rows, bool gzip = false) => new()
    {
        Format = TariffDataFormat.UsitcAnnualCsv,
        FileName = "tariff_database_2030.csv",
        Gzip = gzip,
        SizeBytes = file.Length,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(file)),
        RowCount = rows,
    };

    /// <summary>Imports <paramref name="csv"/> (one row per line after the header line) in chunks of <paramref name="chunkSize"/> bytes.</summary>
    internal static Task<ImportTariffDataResponse> ImportAsync(TariffService.TariffServiceClient client, string csv, int chunkSize)
    {
        var file = Encoding.Latin1.GetBytes(csv);
        return SendAsync(client, HeaderOf(file, csv.Count(c => c == '\n') - 1), file, chunkSize);
    }

    internal static async Task<ImportTariffDataResponse> SendAsync(TariffService.TariffServiceClient client, ImportHeader header, byte[] file, int chunkSize)
    {
        using var call = client.ImportTariffData();
        try
        {
            await call.RequestStream.WriteAsync(new ImportTariffDataRequest { Header = header });
            for (var offset = 0; offset < file.Length; offset += chunkSize)
            {
                await call.RequestStream.WriteAsync(new ImportTariffDataRequest
                {
                    Chunk = ByteString.CopyFrom(file, offset, Math.Min(chunkSize, file.Length - offset)),
                });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The service may answer while chunks are still being written (refusing the upload from its
            // header): a write after that fails CANCELLED, and the call's status below says why.
        }

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
        // Of the 12,734 codes of 2017 the file keeps three; gas meters go from 16 to 17 cents, and
        // returned goods from no rate text to one. Horses stay free.
        Assert.Equal((0, 12_731, 2, false), (summary.CodesAdded, summary.CodesRemoved, summary.RatesChanged, summary.ValidateOnly));
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

    private const string MetersAndHorses =
        Header +
        "01012100,Pure-bred horses,NO,,Free,Free,1/1/2030,12/31/2050\n" +
        "90281000,Gas meters,NO,,17 cents each + 2.5%,$4.50 each + 65%,1/1/2030,12/31/2050\n" +
        "99999999,A code of 2030,NO,,5%,Free,1/1/2030,12/31/2050\n";

    private static async Task<(RpcException Error, TariffLine Kept)> RefusedAsync(
        ServiceHost host, Func<TariffService.TariffServiceClient, Task> import)
    {
        var client = new TariffService.TariffServiceClient(host.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(() => import(client));
        var kept = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // 2017's rate: nothing was replaced.
        Assert.Equal("16 cents each + 2.5%", kept.MfnRateText);
        return (error, kept);
    }

    [Fact]
    public async Task ImportTariffData_ValidateOnly_ReportsWhatWouldChangeAndChangesNothing()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var file = Encoding.Latin1.GetBytes(MetersAndHorses);
        var header = HeaderOf(file, 3);
        header.ValidateOnly = true;

        var summary = await SendAsync(client, header, file, 1024);
        var meters = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        var added = await Assert.ThrowsAsync<RpcException>(() => client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/99999999" }).ResponseAsync);

        // 12,734 codes in 2017; the file keeps horses (free as before) and meters (16 -> 17 cents), adds one.
        Assert.Equal((3, 1, 12_732, 1, true), (summary.RowsImported, summary.CodesAdded, summary.CodesRemoved, summary.RatesChanged, summary.ValidateOnly));
        // In code order, the first 1,000: horses of 0101.29.00 are the first code of 2017 the file drops.
        Assert.Equal(("01012900", ScheduleChangeKind.Removed, "Free", ""), Tuple(summary.Changes[0]));
        Assert.Equal(1000, summary.Changes.Count);
        Assert.Equal("16 cents each + 2.5%", meters.MfnRateText);
        Assert.Equal(StatusCode.NotFound, added.StatusCode);
    }

    private static (string, ScheduleChangeKind, string, string) Tuple(ScheduleChange change) =>
        (change.Hts8, change.Kind, change.MfnRateTextBefore, change.MfnRateTextAfter);

    [Fact]
    public async Task ImportTariffData_StreamEndingShortOfTheStatedSize_IsSizeMismatchAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var file = Encoding.Latin1.GetBytes(MetersAndHorses);

        var (error, _) = await RefusedAsync(host, client => SendAsync(client, HeaderOf(file, 3), file[..^20], 64));

        Assert.Equal("SIZE_MISMATCH", error.GetErrorInfo()?.Reason);
        Assert.Equal(["header.size_bytes"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ImportTariffData_BytesOtherThanTheStatedHash_IsSha256MismatchAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var file = Encoding.Latin1.GetBytes(MetersAndHorses);
        var header = HeaderOf(file, 3);
        file[^5] = (byte)'9';

        var (error, _) = await RefusedAsync(host, client => SendAsync(client, header, file, 64));

        Assert.Equal("SHA256_MISMATCH", error.GetErrorInfo()?.Reason);
        Assert.Equal(["header.sha256"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ImportTariffData_RowCountOtherThanStated_IsRowCountMismatchAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var file = Encoding.Latin1.GetBytes(MetersAndHorses);

        var (error, _) = await RefusedAsync(host, client => SendAsync(client, HeaderOf(file, 4), file, 64));

        Assert.Equal("ROW_COUNT_MISMATCH", error.GetErrorInfo()?.Reason);
        Assert.Contains("the file holds 3", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportTariffData_RowRepeatingACodeAndStartDate_IsDuplicateRowsAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);

        var (error, _) = await RefusedAsync(host, client => ImportAsync(client,
            MetersAndHorses + "90281000,Gas meters again,NO,,1%,Free,1/1/2030,12/31/2050\n", 64));

        Assert.Equal("DUPLICATE_ROWS", error.GetErrorInfo()?.Reason);
        Assert.Equal(["chunk"], error.GetInvalidFields());
        Assert.Contains("line 5 (90281000) repeats the code and start date of line 3", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportTariffData_UploadLargerThanAllowed_IsRefusedFromItsHeader()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Import:MaxUploadBytes"] = "100" });
        var file = Encoding.Latin1.GetBytes(MetersAndHorses);

        var (error, _) = await RefusedAsync(host, client => SendAsync(client, HeaderOf(file, 3), file, 64));

        Assert.Equal("UPLOAD_TOO_LARGE", error.GetErrorInfo()?.Reason);
        Assert.Equal(["header.size_bytes"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ImportTariffData_GzipThatInflatesPastTheCap_IsFileTooLargeAndKeepsTheSchedule()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Import:MaxFileBytes"] = "1048576" });
        // 40,000 rows of about 60 bytes: 2.4 MB that gzip makes a few kilobytes.
        var rows = string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{10_000_000 + i},Row,NO,,Free,Free,1/1/2030,12/31/2050\n"));
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.Latin1.GetBytes(Header + rows));
        }

        var file = packed.ToArray();
        var (error, _) = await RefusedAsync(host, client => SendAsync(client, HeaderOf(file, 40_000, gzip: true), file, 1 << 20));

        Assert.True(file.Length < 200_000, $"{file.Length} bytes compressed");
        Assert.Equal("FILE_TOO_LARGE", error.GetErrorInfo()?.Reason);
    }
}
