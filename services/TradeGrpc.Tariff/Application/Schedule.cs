using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Application;

/// <summary>A row of a file that could not be taken, with its line number and why.</summary>
public sealed record RejectedRow(int Line, string Key, string Reason);

/// <summary>What one read of a schedule file produced: the lines, the rows it rejected, and how many rows it read.</summary>
public sealed record TariffDatabaseRead(IReadOnlyList<TariffLineRecord> Lines, IReadOnlyList<RejectedRow> Rejected, int RowsRead)
{
    /// <summary>Rows that repeat the code and start date of an earlier row: a file with any is not imported.</summary>
    public IReadOnlyList<RejectedRow> Duplicates { get; init; } = [];
}

/// <summary>A row of an import that was rejected, or imported with a rate no quote can compute.</summary>
public sealed record ImportProblem(int Line, string Hts8, string Reason, bool Imported);

/// <summary>What an import did, or would do when <paramref name="ValidateOnly"/>: its rows, and what it changes code by code.</summary>
public sealed record ImportSummary(
    int RowsRead, int RowsImported, int RowsRejected, int RatesUnparsed, IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<CodeChange> Changes, bool ValidateOnly);

/// <summary>Replaces the schedule with the lines read from a file, in one transaction; or, <paramref name="ValidateOnly"/>, says what that would change.</summary>
public sealed record ImportSchedule(TariffDatabaseRead Read, bool ValidateOnly = false) : IRequest<ImportSummary>;

public sealed record GetTariffLine(string Name, DateOnly? AsOf) : IRequest<TariffLineRecord>;

/// <summary>Subheadings in code order under a code prefix (dots allowed).</summary>
public sealed record ListTariffLines(string CodePrefix, PageOf Page) : IRequest<IReadOnlyList<TariffLineRecord>>;

/// <summary>
/// Replaces the schedule. A file with duplicate rows, or with no row that can be imported, is
/// refused whole; a check only (validate_only) reads and compares but writes nothing.
/// </summary>
public sealed class ImportScheduleHandler(BookCommands commands, TariffBook book) : IHandler<ImportSchedule, ImportSummary>
{
    public Task<ImportSummary> HandleAsync(ImportSchedule command, CancellationToken cancellationToken)
    {
        var read = command.Read;
        if (read.Duplicates.Count > 0)
        {
            var first = read.Duplicates[0];
            throw new InvalidInputException("DUPLICATE_ROWS", new FieldError("Chunk",
                $"{read.Duplicates.Count} rows repeat an earlier row's code and start date, the first on line {first.Line} ({first.Key}) {first.Reason}"));
        }

        if (read.Lines.Count == 0)
        {
            throw new InvalidInputException("NOTHING_TO_IMPORT", new FieldError("Chunk", $"none of the {read.RowsRead} rows could be imported"));
        }

        var schedule = new TariffSchedule(read.Lines);
        var unparsed = schedule.UnparsedRates().Select(u => new ImportProblem(0, u.Line.Hts8, u.Reason, true)).ToList();
        var problems = read.Rejected.Select(r => new ImportProblem(r.Line, r.Key, r.Reason, false)).Concat(unparsed).ToList();
        ImportSummary SummaryAgainst(TariffSchedule before) =>
            new(read.RowsRead, read.Lines.Count, read.Rejected.Count, unparsed.Count, problems, before.ChangesTo(schedule), command.ValidateOnly);

        return command.ValidateOnly
            ? Task.FromResult(SummaryAgainst(book.Schedule))
            : commands.RunAsync("", command, async (transaction, _, token) =>
            {
                var before = book.Schedule;
                var revision = await transaction.ReplaceTariffLinesAsync(read.Lines, token);
                return new Change<ImportSummary, BookChange>(SummaryAgainst(before), TariffLines.CollectionId, new BookChange.Schedule(schedule, revision));
            }, null, cancellationToken);
    }
}

public sealed class GetTariffLineHandler(TariffBook book) : IHandler<GetTariffLine, TariffLineRecord>
{
    public Task<TariffLineRecord> HandleAsync(GetTariffLine query, CancellationToken cancellationToken) =>
        Task.FromResult(book.Schedule.Find(query.Name[(TariffLines.CollectionId.Length + 1)..], query.AsOf)
            ?? throw new NotFoundException("TARIFF_LINE_NOT_FOUND", query.Name));
}

public sealed class ListTariffLinesHandler(TariffBook book) : IHandler<ListTariffLines, IReadOnlyList<TariffLineRecord>>
{
    public Task<IReadOnlyList<TariffLineRecord>> HandleAsync(ListTariffLines query, CancellationToken cancellationToken) =>
        Task.FromResult(book.Schedule.List(query.CodePrefix.Replace(".", "", StringComparison.Ordinal), query.Page.After, query.Page.Limit));
}
