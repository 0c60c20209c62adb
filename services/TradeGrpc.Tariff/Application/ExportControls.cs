using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Application;

public sealed record CreateEntity(EntityListing Listing, string RequestId = "") : IRequest<ListedEntity>;

/// <summary>Applies for a licence to export items to a listed entity; the licence starts pending.</summary>
public sealed record ApplyForLicense(LicenseApplication Application, string RequestId = "") : IRequest<ExportLicense>;

/// <summary>Grants or denies a pending licence; a licence is decided once.</summary>
public sealed record DecideLicense(string Name, LicenseDecision Decision, string RequestId = "") : IRequest<ExportLicense>;

public sealed record GetEntity(string Name) : IRequest<ListedEntity>;

public sealed record ListEntities(PageOf Page) : IRequest<IReadOnlyList<ListedEntity>>;

public sealed record GetLicense(string Name) : IRequest<ExportLicense>;

/// <summary>Licences in the order applied for; only those for <paramref name="Entity"/> when it is not empty.</summary>
public sealed record ListLicenses(string Entity, PageOf Page) : IRequest<IReadOnlyList<ExportLicense>>;

/// <summary>May these items ship to this party on this day? The party is a listed entity's name (<c>entities/{id}</c>) or a name it goes by.</summary>
public sealed record CheckExport(string? Entity, string? PartyName, Shipment Shipment) : IRequest<ExportCheck>;

/// <summary>Runs every change of the Entity List and licences through the <see cref="CommandPipeline"/>; nothing the book holds changes.</summary>
public sealed class ExportControlCommands(CommandPipeline pipeline, IExportControlStore store, TimeProvider clock)
{
    public Task<T> RunAsync<T>(string requestId, object command, Func<IExportControlTransaction, DateTimeOffset, CancellationToken, Task<T>> act,
        Func<T, string> resource, Func<string, CancellationToken, Task<T>> replay, CancellationToken cancellationToken) =>
        pipeline.RunAsync(store, requestId, command, async (transaction, token) =>
        {
            var result = await act(transaction, clock.GetUtcNow(), token);
            return new Change<T, bool>(result, resource(result), true);
        }, replay, static _ => { }, cancellationToken);

    /// <summary>A new resource id, ordered by the time it was made.</summary>
    public string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}

public sealed class CreateEntityHandler(ExportControlCommands commands, GetEntityHandler entities) : IHandler<CreateEntity, ListedEntity>
{
    public Task<ListedEntity> HandleAsync(CreateEntity command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, _, token) =>
        {
            var entity = new ListedEntity(commands.NewId(), command.Listing.Checked());
            await transaction.InsertAsync(entity, token);
            return entity;
        }, e => e.Name, (name, token) => entities.HandleAsync(new GetEntity(name), token), cancellationToken);
}

public sealed class ApplyForLicenseHandler(ExportControlCommands commands, GetLicenseHandler licenses) : IHandler<ApplyForLicense, ExportLicense>
{
    public Task<ExportLicense> HandleAsync(ApplyForLicense command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            if (!await transaction.EntityExistsAsync(command.Application.EntityId, token))
            {
                throw GetEntityHandler.NotFound(ListedEntity.NameOf(command.Application.EntityId));
            }

            var license = ExportLicense.Pending(commands.NewId(), command.Application, Caller.Current.Actor, now);
            await transaction.InsertAsync(license, token);
            return license;
        }, l => l.Name, licenses.Replay, cancellationToken);
}

public sealed class DecideLicenseHandler(ExportControlCommands commands, GetLicenseHandler licenses) : IHandler<DecideLicense, ExportLicense>
{
    public Task<ExportLicense> HandleAsync(DecideLicense command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.RequestId, command, async (transaction, now, token) =>
        {
            var license = await transaction.LockLicenseAsync(ExportLicense.IdOf(command.Name), token) ?? throw GetLicenseHandler.NotFound(command.Name);
            var decided = license.Decide(command.Decision, Caller.Current.Actor, now);
            await transaction.SaveDecisionAsync(decided, token);
            return decided;
        }, l => l.Name, licenses.Replay, cancellationToken);
}

public sealed class GetEntityHandler(IExportControlStore store) : IHandler<GetEntity, ListedEntity>
{
    public async Task<ListedEntity> HandleAsync(GetEntity query, CancellationToken cancellationToken) =>
        await store.GetEntityAsync(ListedEntity.IdOf(query.Name), cancellationToken) ?? throw NotFound(query.Name);

    public static NotFoundException NotFound(string name) => new("ENTITY_NOT_FOUND", name);
}

public sealed class ListEntitiesHandler(IExportControlStore store) : IHandler<ListEntities, IReadOnlyList<ListedEntity>>
{
    public Task<IReadOnlyList<ListedEntity>> HandleAsync(ListEntities query, CancellationToken cancellationToken) => store.ListEntitiesAsync(query.Page, cancellationToken);
}

/// <summary>A licence the caller may see: one that is not, or is another exporter's, is NOT_FOUND alike.</summary>
public sealed class GetLicenseHandler(IExportControlStore store) : IHandler<GetLicense, ExportLicense>
{
    public async Task<ExportLicense> HandleAsync(GetLicense query, CancellationToken cancellationToken) =>
        await store.GetLicenseAsync(ExportLicense.IdOf(query.Name), cancellationToken) is { } license
            && license.VisibleTo(Caller.Current.Actor, Caller.Current.Has(Permissions.LicensesDecide))
            ? license
            : throw NotFound(query.Name);

    /// <summary>Whose licences the caller may see: all of them (null) for those who decide, else its own organisation's.</summary>
    public static string? OwnerSeenBy(Caller caller) => caller.Has(Permissions.LicensesDecide) ? null : caller.Actor.Owner;

    public Task<ExportLicense> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetLicense(name), cancellationToken);

    public static NotFoundException NotFound(string name) => new("LICENSE_NOT_FOUND", name);
}

public sealed class ListLicensesHandler(IExportControlStore store) : IHandler<ListLicenses, IReadOnlyList<ExportLicense>>
{
    public Task<IReadOnlyList<ExportLicense>> HandleAsync(ListLicenses query, CancellationToken cancellationToken) =>
        store.ListLicensesAsync(query.Entity.Length > 0 ? ListedEntity.IdOf(query.Entity) : null, GetLicenseHandler.OwnerSeenBy(Caller.Current), query.Page,
            cancellationToken);
}

public sealed class CheckExportHandler(IExportControlStore store, GetEntityHandler entities) : IHandler<CheckExport, ExportCheck>
{
    public async Task<ExportCheck> HandleAsync(CheckExport query, CancellationToken cancellationToken)
    {
        var (party, candidates) = query.Entity is { } name
            ? (name, [await entities.HandleAsync(new GetEntity(name), cancellationToken)])
            : (query.PartyName!, await store.FindEntitiesKnownAsAsync(PartyNames.Key(query.PartyName!), cancellationToken));
        var listed = candidates.FirstOrDefault(e => e.Listing.IsListedOn(query.Shipment.ShipDate));
        if (listed is null)
        {
            return ExportScreening.NotListed(party, candidates is [var first, ..] ? first : null, query.Shipment);
        }

        // A licence authorizes its holder's exports: the caller's own count, or all for those who decide.
        var licenses = await store.ListGrantedLicensesAsync(listed.Id, query.Shipment.ExportClassification, GetLicenseHandler.OwnerSeenBy(Caller.Current),
            cancellationToken);
        return ExportScreening.Listed(listed, licenses, query.Shipment);
    }
}
