using TradeGrpc.Commands;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Application;

/// <summary>
/// How far the store's book has come, per part: each count grows with every change to that part,
/// so a replica that remembers them can tell whether it missed one.
/// </summary>
public sealed record BookRevisions(long Schedule, long Measures, long Exclusions, long Uses);

/// <summary>Where the tariff book is kept: the schedule, China's applied rates, the measures and the exclusions.</summary>
public interface IBookStore : ICommandStore<IBookTransaction>
{
    Task<BookRevisions> RevisionsAsync(CancellationToken cancellationToken);

    /// <summary>Whether the store holds a schedule, China's rates and measures yet (a new store holds none).</summary>
    Task<(bool Schedule, bool ChinaRates, bool Measures)> LoadedAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<MeasureRecord>> LoadMeasuresAsync(CancellationToken cancellationToken);

    Task<MeasureRecord?> GetMeasureAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ExclusionRecord>> LoadExclusionsAsync(CancellationToken cancellationToken);

    Task<ExclusionRecord?> GetExclusionAsync(string id, CancellationToken cancellationToken);

    /// <summary>What the filed entries have used of every allowance and quota.</summary>
    Task<IReadOnlyList<AllowanceUse>> LoadUsesAsync(CancellationToken cancellationToken);

    Task<EntryRecord?> GetEntryAsync(string id, CancellationToken cancellationToken);
}

/// <summary>One write transaction on the book; what it reads by id it holds against other writers until the commit.</summary>
public interface IBookTransaction : ICommandTransaction
{
    Task<MeasureRecord?> LockMeasureAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts a measure; false when one with its id exists.</summary>
    Task<bool> InsertAsync(MeasureRecord measure, CancellationToken cancellationToken);

    Task SaveAsync(MeasureRecord measure, CancellationToken cancellationToken);

    Task<ExclusionRecord?> LockExclusionAsync(string id, CancellationToken cancellationToken);

    Task InsertAsync(ExclusionRecord exclusion, CancellationToken cancellationToken);

    Task SaveAsync(ExclusionRecord exclusion, CancellationToken cancellationToken);

    /// <summary>
    /// The uses of <paramref name="allowances"/> (key and unit; none used yet for one not drawn on
    /// before), held against other writers until the commit: two entries drawing on one cannot both
    /// read what is left before either has taken its part.
    /// </summary>
    Task<AllowanceUses> LockUsesAsync(IReadOnlyList<(string Key, string Unit)> allowances, CancellationToken cancellationToken);

    Task SaveAsync(AllowanceUse use, CancellationToken cancellationToken);

    Task InsertAsync(EntryRecord entry, CancellationToken cancellationToken);

    /// <summary>Replaces the whole schedule; returns its revision, the replacements so far.</summary>
    Task<long> ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken);

    Task ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken);

    /// <summary>
    /// Gives each stored line without special rates those of the line of <paramref name="lines"/>
    /// with the same code, start date and general rate; returns how many lines it gave them to.
    /// </summary>
    Task<int> FillSpecialRatesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken);
}
