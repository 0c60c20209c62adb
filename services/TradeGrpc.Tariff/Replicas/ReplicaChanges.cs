using Microsoft.Extensions.Options;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;

namespace TradeGrpc.Tariff.Replicas;


/// <summary>
/// Keeps this replica's tariff book in step with the others. When another replica says a measure
/// or an exclusion changed, the document is read from the shared store and swapped in (a measure
/// change also goes to this replica's watchers). Whenever news may have been missed (Redis away,
/// or back after an outage, a writer that died before it told anyone, a read of something this
/// replica does not know yet, and every second anyway), <see cref="CatchUpAsync"/> compares the store's revisions with those
/// this replica has seen and reads again what moved: measures and exclusions newer than the book's,
/// announced to watchers like any change, what the filed entries used of allowances and quotas, and
/// the schedule after another replica imported one.
/// </summary>
public sealed partial class ReplicaChanges(
    ReplicaBus bus, IBookStore store, TariffBook book, BookNews news, TimeProvider clock, IOptions<ReplicaOptions> replicaOptions,
    ILogger<ReplicaChanges> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;
    private Task? next;
    private BookRevisions seen = new(0, 0, 0, 0);

    /// <summary>Records the store's revisions the book was loaded at (read before loading it).</summary>
    public void LoadedAt(BookRevisions revisions) => seen = revisions;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe<MeasureChanged>(ApplyMeasureAsync);
        bus.Subscribe<ExclusionChanged>(ApplyExclusionAsync);
        bus.Subscribe<ScheduleReplaced>(_ => CatchUpAsync(CancellationToken.None));
        bus.Subscribe<AllowancesUsed>(_ => CatchUpAsync(CancellationToken.None));
        bus.OnResync(() => CatchUpAsync(CancellationToken.None));
        // News published between loading the book and listening reached no one: read what it was about.
        await CatchUpAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        stopping.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Looks for changes in the store at every tick: every <c>InStepPollInterval</c> while this
    /// replica hears the others (news lost with a writer that died after its commit is found here,
    /// by revision), every <c>OutOfStepPollInterval</c> while it cannot. A store that cannot be read
    /// is logged once when it starts failing and once when it is back.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var options = replicaOptions.Value;
            await Task.Delay(bus.InStep ? options.InStepPollInterval : options.OutOfStepPollInterval, clock, stoppingToken);
            try
            {
                await CatchUpAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogCatchUpRecovered(logger);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    LogCatchUpFailed(logger, ex);
                }
            }
        }
    }

    /// <summary>
    /// Brings the book up to the store as it is when the call is made. Calls that arrive while a
    /// catch-up runs share the next one, which starts when it ends: the store is read once for
    /// all of them, and a failure reaches each. <paramref name="cancellationToken"/> ends only
    /// this caller's wait.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            next ??= RunAfterAsync(running);
            return next.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAfterAsync(Task previous)
    {
        // Always after the caller has stored this task as next (it holds the gate until then).
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        lock (gate)
        {
            running = next!;
            next = null;
        }

        await ReadChangesAsync(stopping.Token);
    }

    private async Task ReadChangesAsync(CancellationToken cancellationToken)
    {
        var revisions = await store.RevisionsAsync(cancellationToken);
        if (revisions.Measures != seen.Measures)
        {
            foreach (var measure in await store.LoadMeasuresAsync(cancellationToken))
            {
                ApplyIfNewer(measure, null);
            }
        }

        if (revisions.Exclusions != seen.Exclusions)
        {
            var held = book.Current.Exclusions.ToDictionary(e => e.Id);
            foreach (var exclusion in await store.LoadExclusionsAsync(cancellationToken))
            {
                if (held.GetValueOrDefault(exclusion.Id) != exclusion)
                {
                    news.Apply(exclusion);
                }
            }
        }

        if (revisions.Uses != seen.Uses)
        {
            book.Use(await store.LoadUsesAsync(cancellationToken));
        }

        if (revisions.Schedule > book.Current.ScheduleRevision)
        {
            // Read at least at that revision; never over a schedule this replica imported since.
            news.Apply(new TariffSchedule(await store.LoadTariffLinesAsync(cancellationToken)), revisions.Schedule);
        }

        seen = revisions;
    }

    private async Task ApplyMeasureAsync(MeasureChanged changed)
    {
        if (await store.GetMeasureAsync(changed.Id, CancellationToken.None) is { } measure)
        {
            ApplyIfNewer(measure, (MeasureChangeKind)changed.Kind);
        }
    }

    private async Task ApplyExclusionAsync(ExclusionChanged changed)
    {
        if (await store.GetExclusionAsync(changed.Id, CancellationToken.None) is { } exclusion)
        {
            news.Apply(exclusion);
        }
    }

    /// <summary>Swaps <paramref name="stored"/> in unless the book holds it or a later version; the kind, when not told, is read from the difference.</summary>
    private void ApplyIfNewer(MeasureRecord stored, MeasureChangeKind? kind)
    {
        var held = book.Current.Measures.Held(stored.Id);
        if (held is null || held.Version < stored.Version)
        {
            // Apply checks the version again as it swaps: a newer one may have come in meanwhile.
            news.Apply(new MeasureChange(kind ?? MeasureChange.KindBetween(held, stored), stored, clock.GetUtcNow()));
        }
    }



    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read other replicas' changes from the store; trying again, and saying so here once it can")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading other replicas' changes from the store again")]
    private static partial void LogCatchUpRecovered(ILogger logger);
}
