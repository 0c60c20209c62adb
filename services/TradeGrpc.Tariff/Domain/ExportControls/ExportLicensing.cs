using TradeGrpc.Errors;
using TradeGrpc.Tariff.Data;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>The export-control side of the tariff book: the Entity List, licence applications and decisions, and export checks.</summary>
public sealed class ExportLicensing(IExportControlStore store, TimeProvider clock)
{
    /// <summary>
    /// Lists an entity. With a <paramref name="requestId"/>, a repeat of the same request returns
    /// the first result; the same id with a different request is ALREADY_EXISTS.
    /// </summary>
    public async Task<ListedEntity> CreateEntityAsync(EntityListing listing, string requestId, CancellationToken cancellationToken)
    {
        var fingerprint = RequestFingerprint.Of(listing);
        var stored = await store.CreateEntityAsync(new ListedEntity(NewId(), listing), requestId, fingerprint, cancellationToken);
        return FirstResult(stored, fingerprint, requestId, stored.Resource.Name);
    }

    public async Task<ListedEntity> GetEntityAsync(string name, CancellationToken cancellationToken) =>
        await store.GetEntityAsync(ListedEntity.IdOf(name), cancellationToken) ?? throw new NotFoundException("ENTITY_NOT_FOUND", name);

    public Task<IReadOnlyList<ListedEntity>> ListEntitiesAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        store.ListEntitiesAsync(afterId, limit, cancellationToken);

    /// <summary>
    /// Records a pending licence for a listed entity. With a <paramref name="requestId"/>, a repeat
    /// of the same application returns the first licence; the same id with a different one is ALREADY_EXISTS.
    /// </summary>
    public async Task<ExportLicense> ApplyForLicenseAsync(LicenseApplication application, string requestId, CancellationToken cancellationToken)
    {
        await GetEntityAsync(ListedEntity.NameOf(application.EntityId), cancellationToken);
        var fingerprint = RequestFingerprint.Of(application);
        var license = ExportLicense.Pending(NewId(), application, clock.GetUtcNow());
        var stored = await store.CreateLicenseAsync(license, requestId, fingerprint, cancellationToken);
        return FirstResult(stored, fingerprint, requestId, stored.Resource.Name);
    }

    /// <summary>Grants or denies a pending licence; FAILED_PRECONDITION once it is decided.</summary>
    public async Task<ExportLicense> DecideLicenseAsync(string name, LicenseDecision decision, CancellationToken cancellationToken)
    {
        var decided = (await GetLicenseAsync(name, cancellationToken)).Decide(decision, clock.GetUtcNow());
        if (!await store.SaveDecisionAsync(decided, cancellationToken))
        {
            // Another call decided it between the read and the write.
            throw (await GetLicenseAsync(name, cancellationToken)).AlreadyDecided();
        }

        return decided;
    }

    public async Task<ExportLicense> GetLicenseAsync(string name, CancellationToken cancellationToken) =>
        await store.GetLicenseAsync(ExportLicense.IdOf(name), cancellationToken) ?? throw new NotFoundException("LICENSE_NOT_FOUND", name);

    /// <summary>Licences in the order they were applied for; only those for <paramref name="entityName"/> when it is not empty.</summary>
    public Task<IReadOnlyList<ExportLicense>> ListLicensesAsync(string entityName, string? afterId, int limit, CancellationToken cancellationToken) =>
        store.ListLicensesAsync(entityName.Length > 0 ? ListedEntity.IdOf(entityName) : null, afterId, limit, cancellationToken);

    /// <summary>Screens a shipment to the entity named <paramref name="entityName"/> (<c>entities/{id}</c>).</summary>
    public async Task<ExportCheck> CheckEntityAsync(string entityName, Shipment shipment, CancellationToken cancellationToken) =>
        await CheckAsync(entityName, [await GetEntityAsync(entityName, cancellationToken)], shipment, cancellationToken);

    /// <summary>Screens a shipment to a party by name, matched against listed names and aliases.</summary>
    public async Task<ExportCheck> CheckPartyAsync(string partyName, Shipment shipment, CancellationToken cancellationToken) =>
        await CheckAsync(partyName, await store.FindEntitiesKnownAsAsync(PartyNames.Key(partyName), cancellationToken), shipment, cancellationToken);

    private async Task<ExportCheck> CheckAsync(string party, IReadOnlyList<ListedEntity> candidates, Shipment shipment, CancellationToken cancellationToken)
    {
        var listed = candidates.FirstOrDefault(e => e.Listing.IsListedOn(shipment.ShipDate));
        if (listed is null)
        {
            return ExportScreening.NotListed(party, candidates is [var first, ..] ? first : null, shipment);
        }

        var licenses = await store.ListGrantedLicensesAsync(listed.Id, shipment.ExportClassification, cancellationToken);
        return ExportScreening.Listed(listed, licenses, shipment);
    }

    private string NewId() => Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");

    private static T FirstResult<T>(StoredCreate<T> stored, string fingerprint, string requestId, string resourceName) =>
        stored.Fingerprint == fingerprint
            ? stored.Resource
            : throw new AlreadyExistsException("REQUEST_ID_REUSED", resourceName,
                $"request_id {requestId} was used for a different request that created {resourceName}.");
}
