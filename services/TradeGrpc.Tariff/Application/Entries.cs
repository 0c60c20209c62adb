using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Application;

/// <summary>Files an entry: priced as a quote is, using up what its lines draw on allowances and quotas.</summary>
public sealed record FileEntry(EntryInput Entry, string RequestId = "") : IRequest<EntryRecord>;

/// <summary>An entry as filed, <c>entries/{entry}</c>.</summary>
public sealed record GetEntry(string Name) : IRequest<EntryRecord>;

/// <summary>
/// An entry is filed by its importer of record: a line that names an importer (to draw on an
/// exclusion granted to that importer alone) must name the caller's own organisation, or anyone
/// allowed to file could use up another firm's allowance. A quote, which uses up nothing, may name any.
/// Which allowances and quotas the entry draws on follows from the book alone; how much of each is
/// left is read from the store under lock, and the entry priced on that, so that two entries racing
/// for the last of a quota are priced one after the other. The book's own reading of the uses can lag
/// another replica's entries; a quote may show it, an entry never. A retry with the request_id of an
/// entry filed already answers as GetEntry would: the entry to its own organisation, NOT_FOUND to any other.
/// </summary>
public sealed class FileEntryHandler(BookCommands commands, TariffBook book, DutyCalculator calculator, GetEntryHandler entries, TariffMetrics metrics)
    : IHandler<FileEntry, EntryRecord>
{
    public async Task<EntryRecord> HandleAsync(FileEntry command, CancellationToken cancellationToken)
    {
        var caller = Caller.Current.Actor;
        foreach (var line in command.Entry.Lines)
        {
            if (line.Importer.Length > 0 && line.Importer != caller.Organisation)
            {
                throw new PermissionDeniedException(Permissions.EntriesFile,
                    $"'{caller.Subject}' files for the organisation '{caller.Organisation}'; an entry for the importer '{line.Importer}' is filed by a token of that organisation.");
            }
        }

        var entry = await commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            // The sources and the quote on one reading of the book: locking the uses may wait on another
            // writer's rows, and a book swapped in meanwhile (an exclusion granted, a quota's periods
            // changed) would draw the entry on an allowance or quota whose use it never locked.
            var snapshot = book.Current;
            var left = await transaction.LockUsesAsync(calculator.SourcesOf(snapshot, command.Entry), token);
            var duty = calculator.Quote(snapshot, command.Entry, left);
            var used = new List<AllowanceUse>();
            foreach (var (source, unit, drawn) in EntryRecord.Drawn(duty))
            {
                var before = left.Of(source)!;
                var use = before with { Unit = unit, Used = before.Used + drawn, Version = before.Version + 1 };
                await transaction.SaveAsync(use, token);
                used.Add(use);
            }

            var filed = new EntryRecord(Guid.CreateVersion7(now).ToString("N"), command.Entry.ImportingCountry, command.Entry.EntryDate, duty, now, Caller.Current.Actor);
            await transaction.InsertAsync(filed, token);
            return new Change<EntryRecord, BookChange>(filed, filed.Name, new BookChange.Uses(used));
        }, entries.Replay, cancellationToken);
        metrics.DutyQuoted();
        return entry;
    }
}

/// <summary>
/// An entry the caller's organisation filed. Entries are the filer's business (what it bought, where
/// from, for how much), so another's is NOT_FOUND alike, and says nothing of whether it exists.
/// </summary>
public sealed class GetEntryHandler(IBookStore store) : IHandler<GetEntry, EntryRecord>
{
    public async Task<EntryRecord> HandleAsync(GetEntry query, CancellationToken cancellationToken) =>
        await store.GetEntryAsync(EntryRecord.IdOf(query.Name), cancellationToken) is { } entry && entry.FiledBy?.Owner == Caller.Current.Actor.Owner
            ? entry
            : throw new NotFoundException("ENTRY_NOT_FOUND", query.Name);

    /// <summary>
    /// The entry a retried FileEntry filed, by the rule of GetEntry: a request_id names one request of
    /// anyone's, and the same body sent with another's would otherwise read that organisation's entry.
    /// </summary>
    public Task<EntryRecord> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetEntry(name), cancellationToken);
}
