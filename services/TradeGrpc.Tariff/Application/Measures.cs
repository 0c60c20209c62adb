using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff.Application;

public sealed record CreateMeasure(MeasureRecord Draft, bool Proposed, string RequestId = "") : IRequest<MeasureRecord>;

/// <summary>Changes a measure's fields if <paramref name="Etag"/> is empty or current; <paramref name="Edit"/> makes the change.</summary>
public sealed record UpdateMeasure(string Name, string Etag, MeasureEdit Edit, string RequestId = "") : IRequest<MeasureRecord>;

/// <summary>The fields an update sets; null for those it leaves as they are.</summary>
public sealed record MeasureEdit(
    string? Title = null, string? Description = null, LegalBasisKind? LegalBasis = null, IReadOnlyList<string>? Origins = null, string? Heading = null,
    IReadOnlyList<ScopeEntry>? Scope = null, bool SetsTradeValue = false, decimal? TradeValueUsd = null, IReadOnlyList<CountryTreatment>? CountryTreatments = null)
{
    public MeasureRecord ApplyTo(MeasureRecord measure) => measure with
    {
        Title = Title ?? measure.Title,
        Description = Description ?? measure.Description,
        LegalBasis = LegalBasis ?? measure.LegalBasis,
        Origins = Origins ?? measure.Origins,
        Heading = Heading ?? measure.Heading,
        Scope = Scope ?? measure.Scope,
        TradeValueUsd = SetsTradeValue ? TradeValueUsd : measure.TradeValueUsd,
        CountryTreatments = CountryTreatments ?? measure.CountryTreatments,
    };
}

public sealed record ScheduleRatePhase(string Name, RatePhaseRecord Phase, string RequestId = "") : IRequest<MeasureRecord>;

public sealed record SuspendMeasure(string Name, DateOnly From, string RequestId = "") : IRequest<MeasureRecord>;

public sealed record WithdrawMeasure(string Name, string RequestId = "") : IRequest<MeasureRecord>;

public sealed record GetMeasure(string Name) : IRequest<MeasureRecord>;

/// <summary>Measures in id order that pass the filters (empty or null filters pass all).</summary>
public sealed record ListMeasures(string ImportingCountry, string Origin, MeasureStatus? Status, DateOnly Today, PageOf Page) : IRequest<IReadOnlyList<MeasureRecord>>;

/// <summary>Stores a new measure; one whose scope is too large to index is refused before anything is stored.</summary>
public sealed class CreateMeasureHandler(BookCommands commands, GetMeasureHandler measures, TariffBook book) : IHandler<CreateMeasure, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(CreateMeasure command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            MeasureIndex.CheckScope(command.Draft.Scope, book.Schedule.Codes);
            var actor = Caller.Current.Actor;
            var draft = command.Draft with { Phases = [.. command.Draft.Phases.Select(p => p with { PublishedBy = actor })] };
            var created = MeasureRecord.Create(draft, command.Proposed, now) with { ChangedBy = actor };
            return await transaction.InsertAsync(created, token)
                ? new Change<MeasureRecord, BookChange>(created, created.Name, new BookChange.Measure(new MeasureChange(MeasureChangeKind.Created, created, now)))
                : throw new AlreadyExistsException("MEASURE_EXISTS", created.Name, $"{created.Name} exists already.");
        }, measures.Replay, cancellationToken);
}

public sealed class UpdateMeasureHandler(MeasureChanges changes) : IHandler<UpdateMeasure, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(UpdateMeasure command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, command.RequestId, command, MeasureChangeKind.Updated,
            (measure, now) => measure.Update(command.Etag, command.Edit.ApplyTo, now), cancellationToken);
}

public sealed class ScheduleRatePhaseHandler(MeasureChanges changes) : IHandler<ScheduleRatePhase, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(ScheduleRatePhase command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, command.RequestId, command, MeasureChangeKind.PhaseScheduled,
            (measure, now) => measure.SchedulePhase(command.Phase with { PublishedBy = Caller.Current.Actor }, now), cancellationToken);
}

public sealed class SuspendMeasureHandler(MeasureChanges changes) : IHandler<SuspendMeasure, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(SuspendMeasure command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, command.RequestId, command, MeasureChangeKind.Suspended,
            (measure, now) => measure.Suspend(command.From, now), cancellationToken);
}

public sealed class WithdrawMeasureHandler(MeasureChanges changes) : IHandler<WithdrawMeasure, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(WithdrawMeasure command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, command.RequestId, command, MeasureChangeKind.Withdrawn, (measure, now) => measure.Withdraw(now), cancellationToken);
}

/// <summary>
/// A change to one measure, read from the store and held until the commit. A new scope too large
/// to index is refused; a measure set aside for its scope can still be suspended or withdrawn.
/// </summary>
public sealed class MeasureChanges(BookCommands commands, GetMeasureHandler measures, TariffBook book)
{
    public Task<MeasureRecord> ChangeAsync(string name, string requestId, object command, MeasureChangeKind kind,
        Func<MeasureRecord, DateTimeOffset, MeasureRecord> change, CancellationToken cancellationToken) =>
        commands.RunAsync(requestId, command, async (transaction, now, token) =>
        {
            var current = await transaction.LockMeasureAsync(MeasureRecord.IdOf(name), token) ?? throw GetMeasureHandler.NotFound(name);
            var edited = change(current, now);
            if (ReferenceEquals(edited, current))
            {
                // The measure holds the change already: nothing to write, and nothing for watchers.
                return new Change<MeasureRecord, BookChange>(current, name, new BookChange.None());
            }

            var changed = edited with { ChangedBy = Caller.Current.Actor };
            if (!ReferenceEquals(changed.Scope, current.Scope))
            {
                MeasureIndex.CheckScope(changed.Scope, book.Schedule.Codes);
            }

            await transaction.SaveAsync(changed, token);
            return new Change<MeasureRecord, BookChange>(changed, name, new BookChange.Measure(new MeasureChange(kind, changed, now)));
        }, measures.Replay, cancellationToken);
}

/// <summary>A measure in the book; one the book does not hold yet is looked for in the store (made on another replica just now) before it is NOT_FOUND.</summary>
public sealed class GetMeasureHandler(TariffBook book, ReplicaChanges replicas) : IHandler<GetMeasure, MeasureRecord>
{
    public Task<MeasureRecord> HandleAsync(GetMeasure query, CancellationToken cancellationToken) =>
        Held(query.Name) is { } measure ? Task.FromResult(measure) : CaughtUpAsync(query.Name, cancellationToken);

    public Task<MeasureRecord> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetMeasure(name), cancellationToken);

    public static NotFoundException NotFound(string name) => new("MEASURE_NOT_FOUND", name);

    private MeasureRecord? Held(string name) => book.Current.Measures.Held(MeasureRecord.IdOf(name));

    private async Task<MeasureRecord> CaughtUpAsync(string name, CancellationToken cancellationToken)
    {
        await replicas.CatchUpAsync(cancellationToken);
        return Held(name) ?? throw NotFound(name);
    }
}

public sealed class ListMeasuresHandler(TariffBook book) : IHandler<ListMeasures, IReadOnlyList<MeasureRecord>>
{
    public Task<IReadOnlyList<MeasureRecord>> HandleAsync(ListMeasures query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MeasureRecord>>([.. book.Current.Measures.Measures.Values
            .Where(m => query.Page.After is null || string.CompareOrdinal(m.Id, query.Page.After) > 0)
            .Where(m => query.ImportingCountry.Length == 0 || m.ImportingCountry == query.ImportingCountry)
            .Where(m => query.Origin.Length == 0 || m.CoversOrigin(query.Origin))
            .Where(m => query.Status is null || m.StatusOn(query.Today) == query.Status)
            .Take(query.Page.Limit)]);
}
