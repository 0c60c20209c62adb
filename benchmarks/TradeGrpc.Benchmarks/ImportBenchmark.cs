using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Google.Protobuf;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// ImportTariffData of the bundled USITC schedule (the file the tariff binary loads on first
/// start, from its data folder) into the running binary, as scripts/import-usitc.sh streams it:
/// a header with the file's length, SHA-256 and row count, then 1 MiB chunks. Run --rounds times
/// on one process (the first start has loaded the same file, so each import replaces the schedule
/// with an equal one): each import's seconds, and the process's peak resident memory (VmHWM)
/// before the first and after each, since an import must not hold the file in memory.
/// </summary>
internal static class ImportBenchmark
{
    private const int ChunkBytes = 1024 * 1024;
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Verdict>> RunAsync(BenchmarkOptions options)
    {
        var dll = ServiceBinary.Locate(options.ServiceDll);
        var file = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(dll)!, "data", "usitc"), "tariff_database_*.csv*").Order().Last();
        var bytes = await File.ReadAllBytesAsync(file);
        var header = new ImportHeader
        {
            Format = TariffDataFormat.UsitcAnnualCsv,
            Gzip = file.EndsWith(".gz", StringComparison.Ordinal),
            FileName = Path.GetFileName(file),
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            RowCount = await RowsAsync(bytes, file.EndsWith(".gz", StringComparison.Ordinal)),
        };
        Console.WriteLine($"== import: {header.FileName} ({bytes.Length:N0} bytes, {header.RowCount:N0} rows) into the tariff binary, {options.Rounds} times; {MachineLoad.Describe()}");
        using var credentials = new BenchmarkCredentials();
        using var data = new ScratchFolder();
        await using var tariff = ServiceProcess.Start(dll, data.Path, credentials, ServiceProcess.WarningsOnly);
        await tariff.WaitUntilServingAsync(GiveUp);
        using var office = LoadGenerator.Channel(tariff.Address, credentials.TokenOf("ustr"));
        var client = new TariffService.TariffServiceClient(office);
        Console.WriteLine($"before: VmRSS {tariff.MemoryMiB("VmRSS")} MiB, peak VmHWM {tariff.MemoryMiB("VmHWM")} MiB");

        var wrong = new List<string>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using var call = client.ImportTariffData();
            await call.RequestStream.WriteAsync(new ImportTariffDataRequest { Header = header });
            for (var offset = 0; offset < bytes.Length; offset += ChunkBytes)
            {
                await call.RequestStream.WriteAsync(new ImportTariffDataRequest { Chunk = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkBytes, bytes.Length - offset)) });
            }

            await call.RequestStream.CompleteAsync();
            var summary = await call.ResponseAsync;
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"import {round}: {clock.Elapsed.TotalSeconds:0.00} s; {summary.RowsRead:N0} rows read, {summary.RowsImported:N0} imported, {summary.RowsRejected} rejected, " +
                $"{summary.RatesUnparsed:N0} rates unparsed; VmRSS {tariff.MemoryMiB("VmRSS")} MiB, peak VmHWM {tariff.MemoryMiB("VmHWM")} MiB; {MachineLoad.Describe()}"));
            if (summary.RowsRead != header.RowCount || summary.RowsImported + summary.RowsRejected != header.RowCount)
            {
                wrong.Add($"import {round}: {summary.RowsRead} read, {summary.RowsImported} imported, {summary.RowsRejected} rejected of {header.RowCount}");
            }
        }

        // The book answers as before: the import replaced the schedule with an equal one.
        await TariffCalls.CheckAnswersAsync(tariff.Channel);
        return [new("import: every row of the file read and imported or rejected", wrong.Count == 0 ? $"{header.RowCount:N0} rows, each import" : string.Join("; ", wrong), wrong.Count == 0)];
    }

    /// <summary>Rows after the header line, as scripts/import-usitc.sh counts them (USITC rows hold no line breaks).</summary>
    private static async Task<int> RowsAsync(byte[] bytes, bool gzip)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = new StreamReader(gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream);
        var lines = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        return lines - 1;
    }
}
