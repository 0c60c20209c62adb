using System.IO.Compression;
using TradeGrpc.Errors;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Import;

/// <summary>A row of an import that was rejected, or imported with a rate no quote can compute.</summary>
public sealed record ImportProblem(int Line, string Hts8, string Reason, bool Imported);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int RowsRead, int RowsImported, int RowsRejected, int RatesUnparsed, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Replaces the schedule with a USITC annual tariff database file: stores its rows and swaps
/// the new schedule into the tariff book, then tells the other replicas. First start and
/// ImportTariffData both use it.
/// </summary>
public sealed class ScheduleImporter(ITariffStore store, TariffBook book, ReplicaBus replicas)
{
    public async Task<ImportSummary> ImportAsync(Stream file, bool gzip, CancellationToken cancellationToken)
    {
        TariffDatabaseRead read;
        try
        {
            await using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            read = UsitcTariffDatabaseReader.Read(stream);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new InvalidInputException("UNREADABLE_FILE", new FieldError("chunk", $"the file is not a USITC tariff database: {ex.Message}"));
        }

        if (read.Lines.Count == 0)
        {
            throw new InvalidInputException("NOTHING_TO_IMPORT", new FieldError("chunk", $"none of the {read.RowsRead} rows could be imported"));
        }

        var revision = await store.ReplaceTariffLinesAsync(read.Lines, cancellationToken);
        var schedule = new TariffSchedule(read.Lines);
        book.TryUpdate(snapshot => revision > snapshot.ScheduleRevision ? snapshot.WithSchedule(schedule, revision) : null);
        replicas.Publish(ReplicaChanges.ScheduleTopic, handleHere: false);

        var unparsed = schedule.UnparsedRates().Select(u => new ImportProblem(0, u.Line.Hts8, u.Reason, true)).ToList();
        var problems = read.Rejected.Select(r => new ImportProblem(r.Line, r.Key, r.Reason, false)).Concat(unparsed).ToList();
        return new ImportSummary(read.RowsRead, read.Lines.Count, read.Rejected.Count, unparsed.Count, problems);
    }
}
