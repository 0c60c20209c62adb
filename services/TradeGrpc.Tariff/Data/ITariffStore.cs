using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;

namespace TradeGrpc.Tariff.Data;

/// <summary>Where the tariff book is kept. SQLite by default; another provider fills the same seam.</summary>
public interface ITariffStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<int> CountTariffLinesAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the whole schedule in one transaction; returns the schedule's revision in the store (replacements so far).</summary>
    Task<long> ReplaceTariffLinesAsync(IReadOnlyList<TariffLineRecord> lines, CancellationToken cancellationToken);

    Task<IReadOnlyList<TariffLineRecord>> LoadTariffLinesAsync(CancellationToken cancellationToken);

    Task<int> CountChinaRatesAsync(CancellationToken cancellationToken);

    Task<long> ReplaceChinaRatesAsync(IReadOnlyList<ChinaAppliedRate> rates, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChinaAppliedRate>> LoadChinaRatesAsync(CancellationToken cancellationToken);
}
