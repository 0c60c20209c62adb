using TradeGrpc.Commands;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Application;

/// <summary>A page of a list: the items after <paramref name="After"/> (the key of the last item of the page before), at most <paramref name="Limit"/>.</summary>
public sealed record PageOf(string? After, int Limit);

/// <summary>Where the Entity List and export licences are kept.</summary>
public interface IExportControlStore : ICommandStore<IExportControlTransaction>
{
    Task<ListedEntity?> GetEntityAsync(string id, CancellationToken cancellationToken);

    /// <summary>Entities in the order they were listed here.</summary>
    Task<IReadOnlyList<ListedEntity>> ListEntitiesAsync(PageOf page, CancellationToken cancellationToken);

    /// <summary>Entities with a display name or alias whose <see cref="PartyNames.Key"/> is <paramref name="nameKey"/>.</summary>
    Task<IReadOnlyList<ListedEntity>> FindEntitiesKnownAsAsync(string nameKey, CancellationToken cancellationToken);

    Task<ExportLicense?> GetLicenseAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Licences in the order they were applied for; only those of <paramref name="entityId"/>, and of
    /// <paramref name="owner"/> (<see cref="Identity.Actor.Owner"/>), unless null.
    /// </summary>
    Task<IReadOnlyList<ExportLicense>> ListLicensesAsync(string? entityId, string? owner, PageOf page, CancellationToken cancellationToken);

    /// <summary>The granted licences for <paramref name="entityId"/> and <paramref name="exportClassification"/>; only <paramref name="owner"/>'s unless null.</summary>
    Task<IReadOnlyList<ExportLicense>> ListGrantedLicensesAsync(string entityId, string exportClassification, string? owner, CancellationToken cancellationToken);
}

/// <summary>One write transaction on the Entity List and licences.</summary>
public interface IExportControlTransaction : ICommandTransaction
{
    Task<bool> AnyEntityAsync(CancellationToken cancellationToken);

    Task<bool> EntityExistsAsync(string id, CancellationToken cancellationToken);

    Task InsertAsync(ListedEntity entity, CancellationToken cancellationToken);

    Task<ExportLicense?> LockLicenseAsync(string id, CancellationToken cancellationToken);

    Task InsertAsync(ExportLicense license, CancellationToken cancellationToken);

    Task SaveDecisionAsync(ExportLicense license, CancellationToken cancellationToken);
}
