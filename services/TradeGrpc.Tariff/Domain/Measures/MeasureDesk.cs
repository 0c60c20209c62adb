using TradeGrpc.Errors;
using TradeGrpc.Messaging;
using TradeGrpc.Storage;

namespace TradeGrpc.Tariff.Domain.Measures;

/// <summary>
/// Reads measures from the tariff book and makes every change to them: stored first, then
/// swapped into the book, then announced to watchers. Commands with a request_id happen once.
/// </summary>
public sealed class MeasureDesk(IDocumentStore store, CommandGate gate, TariffBook book, Broadcaster<MeasureChange> changes, ReplicaBus replicas, TimeProvider clock)
{
    public const string DocumentKind = "measure";

    /// <summary>The topic that tells other replicas a measure changed: <c>measure:{kind}:{id}</c>.</summary>
    public const string ChangedTopic = "measure:";

    /// <summary>
    /// Swaps a changed measure into the book and tells this replica's watchers, unless the book
    /// holds that version or a later one already (a replica may learn of a change more than once).
    /// </summary>
    public void Apply(MeasureChange change)
    {
        var measure = change.Measure;
        book.TryUpdate(
            snapshot => snapshot.Measures.Measures.GetValueOrDefault(measure.Id) is { } held && held.Version >= measure.Version
                ? null
                : snapshot.WithMeasures(snapshot.Measures.Measures.Values.Where(m => m.Id != measure.Id).Append(measure)),
            () => changes.Publish(change));
    }

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public MeasureRecord Get(string name) =>
        book.Current.Measures.Measures.GetValueOrDefault(MeasureRecord.IdOf(name))
        ?? throw new NotFoundException("MEASURE_NOT_FOUND", name);

    /// <summary>Measures in id order after <paramref name="afterId"/> that pass the filters (empty or null filters pass all).</summary>
    public IReadOnlyList<MeasureRecord> List(string importingCountry, string origin, MeasureStatus? status, string? afterId, int limit)
    {
        var today = Today;
        return [.. book.Current.Measures.Measures.Values
            .Where(m => afterId is null || string.CompareOrdinal(m.Id, afterId) > 0)
            .Where(m => importingCountry.Length == 0 || m.ImportingCountry == importingCountry)
            .Where(m => origin.Length == 0 || m.CoversOrigin(origin))
            .Where(m => status is null || m.StatusOn(today) == status)
            .Take(limit)];
    }

    public Task<MeasureRecord> CreateAsync(MeasureRecord draft, bool proposed, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        WriteAsync(draft.Name, requestId, fingerprint, MeasureChangeKind.Created, async now =>
        {
            var created = draft with
            {
                Phases = RatePhases.Sorted(draft.Phases),
                Stage = proposed ? MeasureStage.Proposed : MeasureStage.Announced,
                SuspendedFrom = null,
                CreateTime = now,
                UpdateTime = now,
                Version = 1,
            };
            var outcome = await store.SaveAsync(DocumentKind, created.Id, created, 1, 0, CommandGate.Record(requestId, created.Name, fingerprint), cancellationToken);
            return outcome == SaveOutcome.DuplicateId
                ? throw new AlreadyExistsException("MEASURE_EXISTS", created.Name, $"{created.Name} exists already.")
                : created;
        });

    /// <summary>Applies <paramref name="change"/> to the measure if <paramref name="etag"/> is empty or current.</summary>
    public Task<MeasureRecord> UpdateAsync(string name, string etag, Func<MeasureRecord, MeasureRecord> change, CancellationToken cancellationToken) =>
        ChangeAsync(name, "", "", MeasureChangeKind.Updated, current =>
        {
            if (etag.Length > 0 && etag != current.Etag)
            {
                throw new ConflictException("ETAG_MISMATCH", name, $"{name} changed since etag {etag}; read it again (etag {current.Etag}).");
            }

            return change(current);
        }, cancellationToken);

    public Task<MeasureRecord> SchedulePhaseAsync(string name, RatePhaseRecord phase, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(name, requestId, fingerprint, MeasureChangeKind.PhaseScheduled, current =>
        {
            RequireNotWithdrawn(current, "schedule a rate phase");
            return current with
            {
                Stage = MeasureStage.Announced,
                Phases = RatePhases.Sorted(current.Phases.Where(p => p.EffectiveDate != phase.EffectiveDate).Append(phase)),
            };
        }, cancellationToken);

    public Task<MeasureRecord> SuspendAsync(string name, DateOnly from, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(name, requestId, fingerprint, MeasureChangeKind.Suspended, current =>
        {
            RequireNotWithdrawn(current, "suspend it");
            if (current.SuspendedFrom is { } already)
            {
                throw new RuleViolationException("MEASURE_ALREADY_SUSPENDED", "STATE", name, $"{name} is suspended from {already:yyyy-MM-dd} already.");
            }

            return current with { SuspendedFrom = from };
        }, cancellationToken);

    public Task<MeasureRecord> WithdrawAsync(string name, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(name, requestId, fingerprint, MeasureChangeKind.Withdrawn, current =>
        {
            RequireNotWithdrawn(current, "withdraw it");
            return current with { Stage = MeasureStage.Withdrawn };
        }, cancellationToken);

    private static void RequireNotWithdrawn(MeasureRecord measure, string action)
    {
        if (measure.Stage == MeasureStage.Withdrawn)
        {
            throw new RuleViolationException("MEASURE_WITHDRAWN", "STATE", measure.Name, $"{measure.Name} is withdrawn; cannot {action}.");
        }
    }

    private Task<MeasureRecord> ChangeAsync(string name, string requestId, string fingerprint, MeasureChangeKind kind,
        Func<MeasureRecord, MeasureRecord> change, CancellationToken cancellationToken) =>
        WriteAsync(name, requestId, fingerprint, kind, async now =>
        {
            var current = Get(name);
            var next = change(current) with { UpdateTime = now, Version = current.Version + 1 };
            var outcome = await store.SaveAsync(DocumentKind, next.Id, next, next.Version, current.Version, CommandGate.Record(requestId, name, fingerprint), cancellationToken);
            return outcome == SaveOutcome.Saved
                ? next
                : throw new ConflictException("CONCURRENT_CHANGE", name, $"{name} was changed by another writer; try again.");
        });

    private Task<MeasureRecord> WriteAsync(string name, string requestId, string fingerprint, MeasureChangeKind kind,
        Func<DateTimeOffset, Task<MeasureRecord>> write) =>
        gate.RunAsync(requestId, fingerprint, name => Task.FromResult(Get(name)), async () =>
        {
            var now = clock.GetUtcNow();
            var saved = await write(now);
            Apply(new MeasureChange(kind, saved, now));
            replicas.Publish($"{ChangedTopic}{(int)kind}:{saved.Id}", handleHere: false);
            return saved;
        });
}
