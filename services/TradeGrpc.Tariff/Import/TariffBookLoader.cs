using TradeGrpc.Storage;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Brings the store's schema up to date, loads the bundled data on first start, and builds
/// the in-memory tariff book before the server takes calls.
/// </summary>
public sealed partial class TariffBookLoader(
    ITariffStore store, IDocumentStore documents, IStoreSetupLock setupLock, ScheduleImporter importer, TariffBook book, ReplicaChanges replicas,
    BundledData bundled, TimeProvider clock, ILogger<TariffBookLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Replicas starting together on a new store: one loads the bundled data, the others wait and find it loaded.
        await using (await setupLock.AcquireSetupLockAsync(cancellationToken))
        {
            await store.MigrateAsync(cancellationToken);
            await LoadBundledDataIfNewAsync(cancellationToken);
        }

        // Read first: a change another replica makes while the book loads shows as a later revision.
        var revisions = await documents.RevisionsAsync(cancellationToken);
        var schedule = new TariffSchedule(await store.LoadTariffLinesAsync(cancellationToken));
        var china = new ChinaTariffs(await store.LoadChinaRatesAsync(cancellationToken));
        var measures = await documents.LoadAllAsync<MeasureRecord>(MeasureDesk.DocumentKind, cancellationToken);
        var exclusions = await documents.LoadAllAsync<ExclusionRecord>(ExclusionDesk.DocumentKind, cancellationToken);
        book.Update(_ => new TariffBookSnapshot(schedule, new MeasureIndex(measures, schedule.Codes), [], new Dictionary<string, ExclusionRecord[]>(), china)
            {
                ScheduleRevision = revisions.GetValueOrDefault(TariffStore.ScheduleRevisionKind),
            }
            .WithExclusions(exclusions));
        replicas.LoadedAt(revisions);
        LogReady(logger, schedule.Count, measures.Count, exclusions.Count);
    }

    private async Task LoadBundledDataIfNewAsync(CancellationToken cancellationToken)
    {
        if (await store.CountTariffLinesAsync(cancellationToken) == 0)
        {
            var file = bundled.TariffDatabaseFile();
            LogFirstStart(logger, "tariff schedule", file);
            await using var stream = File.OpenRead(file);
            var summary = await importer.ImportAsync(stream, file.EndsWith(".gz", StringComparison.Ordinal), cancellationToken);
            LogImported(logger, summary.RowsRead, summary.RowsImported, summary.RowsRejected, summary.RatesUnparsed);
        }

        if (await store.CountChinaRatesAsync(cancellationToken) == 0)
        {
            var file = bundled.ChinaAppliedTariffsFile();
            LogFirstStart(logger, "China's applied tariffs on US goods", file);
            await using var stream = BundledData.OpenMaybeCompressed(file);
            await store.ReplaceChinaRatesAsync(ChinaAppliedTariffReader.Read(stream), cancellationToken);
        }

        if ((await documents.RevisionsAsync(cancellationToken)).GetValueOrDefault(MeasureDesk.DocumentKind) == 0)
        {
            var folder = Path.Combine(bundled.Directory, "measures");
            LogFirstStart(logger, "tariff measures", folder);
            var china = new ChinaTariffs(await store.LoadChinaRatesAsync(cancellationToken));
            var measures = MeasureSeed.Build(bundled, china, clock.GetUtcNow());
            await documents.InsertManyAsync(MeasureDesk.DocumentKind, measures.Select(m => (m.Id, m)), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the bundled {What} from {File}...")]
    private static partial void LogFirstStart(ILogger logger, string what, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff schedule imported: {Read} rows read, {Imported} imported, {Rejected} rejected, {Unparsed} with rates no quote can compute")]
    private static partial void LogImported(ILogger logger, int read, int imported, int rejected, int unparsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff book ready: {Lines} subheadings, {Measures} measures, {Exclusions} exclusions")]
    private static partial void LogReady(ILogger logger, int lines, int measures, int exclusions);
}
