using TradeGrpc.Commands;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Application;

/// <summary>What a new store starts with besides its schedule: China's applied rates and the measures, loaded once.</summary>
public sealed record SeedBook(IReadOnlyList<ChinaAppliedRate> ChinaRates, IReadOnlyList<MeasureRecord> Measures) : IRequest<bool>;

/// <summary>Granted exclusions the store starts with, each added unless one with its id is held; returns how many were added.</summary>
public sealed record SeedExclusions(IReadOnlyList<ExclusionRecord> Exclusions) : IRequest<int>;

/// <summary>Whether the store holds a schedule, China's rates, measures and an Entity List yet.</summary>
public sealed record GetLoadedData : IRequest<LoadedData>;

public sealed record LoadedData(bool Schedule, bool ChinaRates, bool Measures, bool EntityList);

/// <summary>
/// The country treatments of <paramref name="Seeded"/> given to the stored measures of the same id
/// that have none: a store seeded before treatments were kept charged every country alike.
/// Returns how many measures took them.
/// </summary>
public sealed record SeedCountryTreatments(IReadOnlyList<MeasureRecord> Seeded) : IRequest<int>;

/// <summary>
/// The measures of <paramref name="Seeded"/> a store seeded by an earlier version lacks, added; when
/// any were, the stored measures still as they were seeded (version 1) take the seeded scope: China's
/// retaliation then leaves out the tranche its new measures charge, and no good pays it twice.
/// Returns the ids added.
/// </summary>
public sealed record SeedMissingMeasures(IReadOnlyList<MeasureRecord> Seeded) : IRequest<IReadOnlyList<string>>;

/// <summary>
/// Special rates for a store's schedule loaded before they were kept, from a reading of the file it
/// was most likely loaded from: only lines with the same code, start date and general rate take them.
/// Returns how many lines did.
/// </summary>
public sealed record FillSpecialRates(IReadOnlyList<TariffLineRecord> Lines) : IRequest<int>;

public sealed class SeedBookHandler(BookCommands commands) : IHandler<SeedBook, bool>
{
    public Task<bool> HandleAsync(SeedBook command, CancellationToken cancellationToken) =>
        commands.RunAsync("", command, async (transaction, _, token) =>
        {
            if (command.ChinaRates.Count > 0)
            {
                await transaction.ReplaceChinaRatesAsync(command.ChinaRates, token);
            }

            foreach (var measure in command.Measures)
            {
                await transaction.InsertAsync(measure, token);
            }

            // The book is built from the store after first-start loading: nothing to swap in now.
            return new Change<bool, BookChange>(true, "", new BookChange.None());
        }, null, cancellationToken);
}

public sealed class SeedExclusionsHandler(BookCommands commands) : IHandler<SeedExclusions, int>
{
    public Task<int> HandleAsync(SeedExclusions command, CancellationToken cancellationToken) =>
        commands.RunAsync("", command, async (transaction, _, token) =>
        {
            var added = 0;
            foreach (var exclusion in command.Exclusions)
            {
                if (await transaction.LockExclusionAsync(exclusion.Id, token) is null)
                {
                    await transaction.InsertAsync(exclusion, token);
                    added++;
                }
            }

            // Like the seed, this runs at start before the book is built from the store.
            return new Change<int, BookChange>(added, "", new BookChange.None());
        }, null, cancellationToken);
}

public sealed class FillSpecialRatesHandler(BookCommands commands) : IHandler<FillSpecialRates, int>
{
    public Task<int> HandleAsync(FillSpecialRates command, CancellationToken cancellationToken) =>
        commands.RunAsync("", command, async (transaction, _, token) =>
        {
            var filled = await transaction.FillSpecialRatesAsync(command.Lines, token);
            // Like the seed, this runs at start before the book is built from the store.
            return new Change<int, BookChange>(filled, "", new BookChange.None());
        }, null, cancellationToken);
}

public sealed class SeedCountryTreatmentsHandler(BookCommands commands) : IHandler<SeedCountryTreatments, int>
{
    public Task<int> HandleAsync(SeedCountryTreatments command, CancellationToken cancellationToken) =>
        commands.RunAsync("", command, async (transaction, now, token) =>
        {
            var given = 0;
            foreach (var seeded in command.Seeded.Where(m => m.CountryTreatments.Count > 0))
            {
                if (await transaction.LockMeasureAsync(seeded.Id, token) is { CountryTreatments.Count: 0 } stored)
                {
                    await transaction.SaveAsync(stored with { CountryTreatments = seeded.CountryTreatments, UpdateTime = now, Version = stored.Version + 1 }, token);
                    given++;
                }
            }

            // Like the seed, this runs at start before the book is built from the store.
            return new Change<int, BookChange>(given, "", new BookChange.None());
        }, null, cancellationToken);
}

public sealed class SeedMissingMeasuresHandler(BookCommands commands) : IHandler<SeedMissingMeasures, IReadOnlyList<string>>
{
    public Task<IReadOnlyList<string>> HandleAsync(SeedMissingMeasures command, CancellationToken cancellationToken) =>
        commands.RunAsync("", command, async (transaction, now, token) =>
        {
            var stored = new List<MeasureRecord>();
            var added = new List<string>();
            foreach (var seeded in command.Seeded)
            {
                if (await transaction.LockMeasureAsync(seeded.Id, token) is { } held)
                {
                    stored.Add(held);
                }
                else
                {
                    await transaction.InsertAsync(seeded, token);
                    added.Add(seeded.Id);
                }
            }

            if (added.Count > 0)
            {
                var scopes = command.Seeded.ToDictionary(m => m.Id, m => m.Scope);
                foreach (var untouched in stored.Where(m => m.Version == 1))
                {
                    await transaction.SaveAsync(untouched with { Scope = scopes[untouched.Id], UpdateTime = now, Version = 2 }, token);
                }
            }

            // Like the seed, this runs at start before the book is built from the store.
            return new Change<IReadOnlyList<string>, BookChange>(added, "", new BookChange.None());
        }, null, cancellationToken);
}

public sealed class GetLoadedDataHandler(IBookStore book, IExportControlStore exportControls) : IHandler<GetLoadedData, LoadedData>
{
    public async Task<LoadedData> HandleAsync(GetLoadedData query, CancellationToken cancellationToken)
    {
        var (schedule, chinaRates, measures) = await book.LoadedAsync(cancellationToken);
        var entities = await exportControls.ListEntitiesAsync(new PageOf(null, 1), cancellationToken);
        return new LoadedData(schedule, chinaRates, measures, entities.Count > 0);
    }
}
