using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Cli.Formats;

namespace TradeGrpc.Cli;

/// <summary>import: streams a USITC annual tariff file to ImportTariffData, as scripts/import-usitc.sh does, with progress.</summary>
public sealed partial class TradeCli
{
    /// <summary>The most ImportTariffData takes in one chunk.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>The problems and changes printed in the summary's tables; --json gives all the service sent.</summary>
    private const int ShownRows = 20;

    private Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "tariff_database_YYYY.csv, plain or gzipped (.gz)" }.AcceptExistingOnly();
        var validateOnly = new Option<bool>("--validate-only") { Description = "Report what the file would change, and change nothing" };
        var command = new Command("import", "Replace the tariff schedule with a USITC annual tariff file (needs schedule.import: the ustr role)")
        {
            file, validateOnly,
        };
        return Handle(command, async (session, parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            var upload = new Upload(path, parse.GetValue(validateOnly));
            var console = session.Io.ErrorConsole;
            var summary = session.Json
                ? await upload.SendAsync(session.Tariff, UploadProgress.None, ct)
                : !console.Profile.Capabilities.Interactive
                    ? await upload.SendAsync(session.Tariff, UploadProgress.Lines(session.Io.Error, path.Length), ct)
                    : await console.Progress().AutoClear(false).StartAsync(async progress =>
                    {
                        var reading = progress.AddTask("Rows read", maxValue: Math.Max(path.Length, 1));
                        var sending = progress.AddTask("Bytes sent", autoStart: false, maxValue: Math.Max(path.Length, 1));
                        return await upload.SendAsync(session.Tariff, new UploadProgress(
                            (position, rows) => (reading.Value, reading.Description) = (position, RowsRead(rows)),
                            rows => (reading.Value, reading.Description) = (reading.MaxValue, RowsRead(rows)),
                            sent =>
                            {
                                sending.StartTask();
                                (sending.Value, sending.Description) = (sent, BytesSent(sent, path.Length));
                            }), ct);
                    });
            session.Print(summary, Summary);
        });
    }

    private static string RowsRead(int rows) => $"Rows read: {rows:N0}";

    private static string BytesSent(long sent, long length) => $"Bytes sent: {sent:N0} of {length:N0}";

    private static IEnumerable<IRenderable> Summary(ImportTariffDataResponse summary)
    {
        static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var counts = Table("Rows read", "Imported", "Rejected", "Rates unparsed", "Codes added", "Codes removed", "Rates changed")
            .Row(N(summary.RowsRead), N(summary.RowsImported), N(summary.RowsRejected), N(summary.RatesUnparsed),
                N(summary.CodesAdded), N(summary.CodesRemoved), N(summary.RatesChanged));
        yield return counts;
        if (summary.Problems.Count > 0)
        {
            var problems = Table("Line", "Code", "Problem", "Imported");
            foreach (var p in summary.Problems.Take(ShownRows))
            {
                problems.Row(p.Line == 0 ? "" : N(p.Line), p.Hts8, p.Reason, p.Imported ? "yes, no quote" : "no");
            }

            yield return problems;
        }

        if (summary.Changes.Count > 0)
        {
            var changes = Table("Code", "Change", "MFN rate before", "MFN rate after");
            foreach (var c in summary.Changes.Take(ShownRows))
            {
                changes.Row(c.Hts8, Show(c.Kind), c.MfnRateTextBefore, c.MfnRateTextAfter);
            }

            yield return changes;
        }

        if (summary.Problems.Count > ShownRows || summary.Changes.Count > ShownRows)
        {
            yield return Line($"The first {ShownRows} problems and changes of each kind are shown; --json gives them all.");
        }

        yield return Line(summary.ValidateOnly ? "Checked only: the schedule is as it was." : "The schedule is replaced.");
    }

    /// <summary>
    /// What an upload tells as it goes: how far the row count is (bytes as stored, rows so far), the
    /// rows once counted, and the bytes sent so far.
    /// </summary>
    private sealed record UploadProgress(Action<long, int> Reading, Action<int> Counted, Action<long> Sent)
    {
        public static readonly UploadProgress None = new((_, _) => { }, _ => { }, _ => { });

        /// <summary>A line when the rows are counted and one when every byte is sent: for a log or a pipe, where a live bar cannot redraw.</summary>
        public static UploadProgress Lines(TextWriter writer, long length) =>
            new((_, _) => { }, rows => writer.WriteLine(RowsRead(rows)), sent =>
            {
                if (sent == length)
                {
                    writer.WriteLine(BytesSent(sent, length));
                }
            });
    }

    /// <summary>A file on its way: the header that states it (length, SHA-256, rows), then its bytes in chunks.</summary>
    private sealed class Upload(FileInfo file, bool validateOnly)
    {
        private readonly bool gzip = file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

        /// <summary>Counts the rows, then sends the header and the chunks, telling <paramref name="progress"/> as it goes.</summary>
        public async Task<ImportTariffDataResponse> SendAsync(TariffService.TariffServiceClient client, UploadProgress progress, CancellationToken ct)
        {
            var header = new ImportHeader
            {
                Format = TariffDataFormat.UsitcAnnualCsv,
                Gzip = gzip,
                FileName = file.Name,
                SizeBytes = file.Length,
                Sha256 = await Sha256Async(ct),
                RowCount = await CountRowsAsync(progress, ct),
                ValidateOnly = validateOnly,
            };

            // No deadline: a large file on a slow link takes what it takes; Ctrl-C cancels.
            using var call = client.ImportTariffData(deadline: DateTime.MaxValue, cancellationToken: ct);
            await call.RequestStream.WriteAsync(new ImportTariffDataRequest { Header = header }, ct);
            await using var stream = file.OpenRead();
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct)) > 0)
            {
                await call.RequestStream.WriteAsync(new ImportTariffDataRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, ct);
                progress.Sent(stream.Position);
            }

            await call.RequestStream.CompleteAsync();
            return await call;
        }

        private async Task<string> Sha256Async(CancellationToken ct)
        {
            await using var stream = file.OpenRead();
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }

        /// <summary>Rows after the header line (USITC rows hold no line breaks); a last line without one counts too.</summary>
        private async Task<int> CountRowsAsync(UploadProgress progress, CancellationToken ct)
        {
            await using var stored = file.OpenRead();
            await using var text = gzip ? new GZipStream(stored, CompressionMode.Decompress) : (Stream)stored;
            var buffer = new byte[1 << 16];
            var (lines, last) = (0, (byte)'\n');
            int read;
            while ((read = await text.ReadAsync(buffer, ct)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
                progress.Reading(stored.Position, Math.Max(lines - 1, 0));
            }

            var rows = lines - 1 + (last == '\n' ? 0 : 1);
            progress.Counted(Math.Max(rows, 0));
            return rows;
        }
    }
}
