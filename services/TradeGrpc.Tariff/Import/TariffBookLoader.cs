using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Brings the store's schema up to date, loads the bundled data on first start, and builds
/// the in-memory tariff book before the server takes calls.
/// </summary>
public sealed partial class TariffBookLoader(
    ITariffStore store, TariffBook book, BundledData bundled, ILogger<TariffBookLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        if (await store.CountTariffLinesAsync(cancellationToken) == 0)
        {
            var file = bundled.TariffDatabaseFile();
            LogFirstStart(logger, file);
            TariffDatabaseRead read;
            await using (var stream = BundledData.OpenMaybeCompressed(file))
            {
                read = UsitcTariffDatabaseReader.Read(stream);
            }

            await store.ReplaceTariffLinesAsync(read.Lines, cancellationToken);
            LogImported(logger, read.RowsRead, read.Lines.Count, read.Rejected.Count);
        }

        book.Replace(new TariffSchedule(await store.LoadTariffLinesAsync(cancellationToken)));
        LogReady(logger, book.Schedule.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the bundled tariff schedule from {File}...")]
    private static partial void LogFirstStart(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff schedule imported: {Read} rows read, {Imported} imported, {Rejected} rejected")]
    private static partial void LogImported(ILogger logger, int read, int imported, int rejected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff book ready: {Count} subheadings")]
    private static partial void LogReady(ILogger logger, int count);
}
