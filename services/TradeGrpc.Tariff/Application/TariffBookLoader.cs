using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff.Application;

/// <summary>Builds the in-memory tariff book from the store before the server takes calls.</summary>
public sealed partial class TariffBookLoader(IBookStore store, TariffBook book, ReplicaChanges replicas, ILogger<TariffBookLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Read first: a change another replica makes while the book loads shows as a later revision.
        var revisions = await store.RevisionsAsync(cancellationToken);
        var schedule = new TariffSchedule(await store.LoadTariffLinesAsync(cancellationToken));
        var china = new ChinaTariffs(await store.LoadChinaRatesAsync(cancellationToken));
        var measures = await store.LoadMeasuresAsync(cancellationToken);
        var exclusions = await store.LoadExclusionsAsync(cancellationToken);
        book.Use(await store.LoadUsesAsync(cancellationToken));
        book.Update(_ => new TariffBookSnapshot(schedule, new MeasureIndex(measures, schedule.Codes), [], new Dictionary<string, ExclusionRecord[]>(), china)
            {
                ScheduleRevision = revisions.Schedule,
            }
            .WithExclusions(exclusions));
        replicas.LoadedAt(revisions);
        foreach (var setAside in book.Current.Measures.SetAside.Values)
        {
            LogSetAside(logger, setAside.Name, MeasureIndex.CodesIndexed(setAside.Scope, schedule.Codes), MeasureIndex.MaxCodesPerMeasure);
        }

        LogReady(logger, schedule.Count, measures.Count, exclusions.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{Measure} is set aside, applying to no quote: its scope spans {Codes} codes, more than a measure may ({Max}); narrow it with UpdateMeasure or withdraw it")]
    private static partial void LogSetAside(ILogger logger, string measure, long codes, int max);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff book ready: {Lines} subheadings, {Measures} measures, {Exclusions} exclusions")]
    private static partial void LogReady(ILogger logger, int lines, int measures, int exclusions);
}
