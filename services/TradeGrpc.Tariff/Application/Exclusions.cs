using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Allowances;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Replicas;

namespace TradeGrpc.Tariff.Application;

/// <summary>Asks to exclude a product from a measure: for one importer only when <paramref name="Importer"/> is not "", up to <paramref name="Allowance"/> in all when given.</summary>
public sealed record RequestExclusion(string Measure, string HtsCode, string Requester, string ProductDescription, string RequestId = "",
    string Importer = "", Allowance? Allowance = null) : IRequest<ExclusionRecord>;

/// <summary>
/// Grants (with a heading and a window) or denies a pending exclusion request; a grant may set the
/// <paramref name="Allowance"/> granted, at most the one requested, else the one requested stands.
/// </summary>
public sealed record DecideExclusion(string Name, bool Grant, string Heading, DateOnly? ValidFrom, DateOnly? ValidTo, string RequestId = "", Allowance? Allowance = null)
    : IRequest<ExclusionRecord>;

public sealed record GetExclusion(string Name) : IRequest<ExclusionRecord>;

/// <summary>Exclusions in the order requested that the caller may see; only those of one measure or in one status when given.</summary>
public sealed record ListExclusions(string Measure, ExclusionStatus? Status, PageOf Page) : IRequest<IReadOnlyList<ExclusionRecord>>;

public sealed class RequestExclusionHandler(BookCommands commands, GetExclusionHandler exclusions) : IHandler<RequestExclusion, ExclusionRecord>
{
    public Task<ExclusionRecord> HandleAsync(RequestExclusion command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            var measure = await transaction.LockMeasureAsync(MeasureRecord.IdOf(command.Measure), token) ?? throw GetMeasureHandler.NotFound(command.Measure);
            var exclusion = ExclusionRecord.Request(Guid.CreateVersion7(now).ToString("N"), measure, command.HtsCode, command.Requester, command.ProductDescription,
                Caller.Current.Actor, now, command.Importer, command.Allowance);
            await transaction.InsertAsync(exclusion, token);
            return new Change<ExclusionRecord, BookChange>(exclusion, exclusion.Name, new BookChange.Exclusion(exclusion));
        }, exclusions.Replay, cancellationToken);
}

public sealed class DecideExclusionHandler(BookCommands commands, GetExclusionHandler exclusions) : IHandler<DecideExclusion, ExclusionRecord>
{
    public Task<ExclusionRecord> HandleAsync(DecideExclusion command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            var current = await transaction.LockExclusionAsync(ExclusionRecord.IdOf(command.Name), token) ?? throw GetExclusionHandler.NotFound(command.Name);
            var measure = await transaction.LockMeasureAsync(current.MeasureId, token);
            var decided = current.Decide(command.Grant, command.Heading, command.ValidFrom, command.ValidTo, measure, Caller.Current.Actor, now, command.Allowance);
            await transaction.SaveAsync(decided, token);
            return new Change<ExclusionRecord, BookChange>(decided, decided.Name, new BookChange.Exclusion(decided));
        }, exclusions.Replay, cancellationToken);
}

/// <summary>
/// An exclusion the caller may see: one that is not, or is another importer's pending request, is
/// NOT_FOUND alike. One the book does not hold yet is looked for in the store (requested on another
/// replica just now) first.
/// </summary>
public sealed class GetExclusionHandler(TariffBook book, ReplicaChanges replicas) : IHandler<GetExclusion, ExclusionRecord>
{
    public Task<ExclusionRecord> HandleAsync(GetExclusion query, CancellationToken cancellationToken)
    {
        var id = ExclusionRecord.IdOf(query.Name);
        var caller = Caller.Current;
        return Held(id) is { } exclusion ? Task.FromResult(Visible(exclusion, caller, query.Name)) : CaughtUpAsync(id, caller, query.Name, cancellationToken);
    }

    public Task<ExclusionRecord> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetExclusion(name), cancellationToken);

    public static NotFoundException NotFound(string name) => new("EXCLUSION_NOT_FOUND", name);

    private static ExclusionRecord Visible(ExclusionRecord exclusion, Caller caller, string name) =>
        exclusion.VisibleTo(caller.Actor, caller.Has(Permissions.ExclusionsDecide)) ? exclusion : throw NotFound(name);

    private ExclusionRecord? Held(string id) => book.Current.Exclusions.FirstOrDefault(e => e.Id == id);

    private async Task<ExclusionRecord> CaughtUpAsync(string id, Caller caller, string name, CancellationToken cancellationToken)
    {
        await replicas.CatchUpAsync(cancellationToken);
        return Visible(Held(id) ?? throw NotFound(name), caller, name);
    }
}

public sealed class ListExclusionsHandler(TariffBook book) : IHandler<ListExclusions, IReadOnlyList<ExclusionRecord>>
{
    public Task<IReadOnlyList<ExclusionRecord>> HandleAsync(ListExclusions query, CancellationToken cancellationToken)
    {
        var all = book.Current.Exclusions;
        var caller = Caller.Current;
        var decides = caller.Has(Permissions.ExclusionsDecide);
        var start = query.Page.After is null ? 0 : all.TakeWhile(e => e.Id != query.Page.After).Count() + 1;
        return Task.FromResult<IReadOnlyList<ExclusionRecord>>([.. all.Skip(start)
            .Where(e => e.VisibleTo(caller.Actor, decides))
            .Where(e => query.Measure.Length == 0 || e.MeasureId == MeasureRecord.IdOf(query.Measure))
            .Where(e => query.Status is null || e.Status == query.Status)
            .Take(query.Page.Limit)]);
    }
}
