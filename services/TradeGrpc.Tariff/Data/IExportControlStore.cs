using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Data;

/// <summary>A created resource and the fingerprint of the request that created it.</summary>
public sealed record StoredCreate<T>(T Resource, string Fingerprint);

/// <summary>Where the Entity List and licences are kept. SQLite by default; another provider fills the same seam.</summary>
public interface IExportControlStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<int> CountEntitiesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="entity"/>, unless <paramref name="requestId"/> is set and already
    /// created one: then returns that one with its request's fingerprint.
    /// </summary>
    Task<StoredCreate<ListedEntity>> CreateEntityAsync(ListedEntity entity, string requestId, string fingerprint, CancellationToken cancellationToken);

    Task<ListedEntity?> GetEntityAsync(string id, CancellationToken cancellationToken);

    /// <summary>Entities in the order they were created, after <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<ListedEntity>> ListEntitiesAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Entities with a display name or alias whose <see cref="PartyNames.Key"/> is <paramref name="nameKey"/>.</summary>
    Task<IReadOnlyList<ListedEntity>> FindEntitiesKnownAsAsync(string nameKey, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="license"/>, unless <paramref name="requestId"/> is set and already
    /// created one: then returns that one with its request's fingerprint.
    /// </summary>
    Task<StoredCreate<ExportLicense>> CreateLicenseAsync(ExportLicense license, string requestId, string fingerprint, CancellationToken cancellationToken);

    Task<ExportLicense?> GetLicenseAsync(string id, CancellationToken cancellationToken);

    /// <summary>Licences in the order they were applied for, after <paramref name="afterId"/>; only those of <paramref name="entityId"/> unless it is null.</summary>
    Task<IReadOnlyList<ExportLicense>> ListLicensesAsync(string? entityId, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The granted licences for <paramref name="entityId"/> and <paramref name="exportClassification"/>.</summary>
    Task<IReadOnlyList<ExportLicense>> ListGrantedLicensesAsync(string entityId, string exportClassification, CancellationToken cancellationToken);

    /// <summary>Records the decision of <paramref name="decided"/> if the stored licence is still pending; false if it is not.</summary>
    Task<bool> SaveDecisionAsync(ExportLicense decided, CancellationToken cancellationToken);
}
