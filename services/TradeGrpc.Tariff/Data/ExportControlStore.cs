using System.Data.Common;
using System.Text.Json;
using TradeGrpc.Commands;
using TradeGrpc.Identity;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Data;

/// <summary>The Entity List and licences in SQL both providers speak. Aliases and general licence windows are JSON arrays.</summary>
public sealed class ExportControlStore(Database database) : IExportControlStore
{
    internal const string EntityColumns =
        "id, display_name, country, aliases, listed_on, removed_on, license_requirement, license_policy, federal_register_citation, general_licenses";

    internal const string LicenseColumns =
        "id, applicant, entity_id, export_classification, item_description, state, valid_from, valid_to, decision_reason, create_time, decide_time, " +
        "owner, applied_by, decided_by";

    public Task<IExportControlTransaction> BeginAsync(CancellationToken cancellationToken) => ExportControlTransaction.BeginAsync(database, cancellationToken);

    public Task<RecordedRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken) => database.FindRequestAsync(requestId, cancellationToken);

    public async Task<ListedEntity?> GetEntityAsync(string id, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<EntityRow>($"SELECT {EntityColumns} FROM listed_entities WHERE id = @id", new { id }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<ListedEntity>> ListEntitiesAsync(PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<EntityRow>($"""
            SELECT {EntityColumns} FROM listed_entities
            WHERE seq > coalesce((SELECT seq FROM listed_entities WHERE id = @After), 0)
            ORDER BY seq LIMIT @Limit
            """, page, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<ListedEntity>> FindEntitiesKnownAsAsync(string nameKey, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<EntityRow>($"""
            SELECT {EntityColumns} FROM listed_entities
            WHERE id IN (SELECT entity_id FROM listed_entity_names WHERE name_key = @nameKey)
            ORDER BY seq
            """, new { nameKey }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<ExportLicense?> GetLicenseAsync(string id, CancellationToken cancellationToken) =>
        (await database.FirstOrDefaultAsync<LicenseRow>($"SELECT {LicenseColumns} FROM export_licenses WHERE id = @id", new { id }, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<ExportLicense>> ListLicensesAsync(string? entityId, string? owner, PageOf page, CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<LicenseRow>($"""
            SELECT {LicenseColumns} FROM export_licenses
            WHERE (@entityId IS NULL OR entity_id = @entityId) AND (@owner IS NULL OR owner = @owner)
              AND seq > coalesce((SELECT seq FROM export_licenses WHERE id = @after), 0)
            ORDER BY seq LIMIT @limit
            """, new { entityId, owner, after = page.After, limit = page.Limit }, cancellationToken)).Select(r => r.ToDomain())];

    public async Task<IReadOnlyList<ExportLicense>> ListGrantedLicensesAsync(string entityId, string exportClassification, string? owner,
        CancellationToken cancellationToken) =>
        [.. (await database.QueryAsync<LicenseRow>($"""
            SELECT {LicenseColumns} FROM export_licenses
            WHERE entity_id = @entityId AND export_classification = @exportClassification AND state = @granted AND (@owner IS NULL OR owner = @owner)
            ORDER BY seq
            """, new { entityId, exportClassification, owner, granted = (int)LicenseState.Granted }, cancellationToken)).Select(r => r.ToDomain())];

    internal sealed class EntityRow
    {
        public string Id { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Country { get; init; } = "";
        public string Aliases { get; init; } = "[]";
        public DateOnly ListedOn { get; init; }
        public string? RemovedOn { get; init; }
        public string LicenseRequirement { get; init; } = "";
        public int LicensePolicy { get; init; }
        public string FederalRegisterCitation { get; init; } = "";
        public string GeneralLicenses { get; init; } = "[]";

        public ListedEntity ToDomain() => new(Id, new EntityListing(DisplayName, Country, JsonSerializer.Deserialize<string[]>(Aliases)!, ListedOn, DapperTypes.Day(RemovedOn),
            LicenseRequirement, (Domain.ExportControls.LicensePolicy)LicensePolicy, FederalRegisterCitation,
            JsonSerializer.Deserialize<GeneralLicense[]>(GeneralLicenses)!));
    }

    internal sealed class LicenseRow
    {
        public string Id { get; init; } = "";
        public string Applicant { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string ExportClassification { get; init; } = "";
        public string ItemDescription { get; init; } = "";
        public int State { get; init; }
        public string? ValidFrom { get; init; }
        public string? ValidTo { get; init; }
        public string DecisionReason { get; init; } = "";
        public DateTimeOffset CreateTime { get; init; }
        public string? DecideTime { get; init; }
        public string? AppliedBy { get; init; }
        public string? DecidedBy { get; init; }

        public ExportLicense ToDomain() => new(Id, new LicenseApplication(Applicant, EntityId, ExportClassification, ItemDescription), (LicenseState)State,
            DapperTypes.Day(ValidFrom) is { } from && DapperTypes.Day(ValidTo) is { } to ? new DateWindow(from, to) : null, DecisionReason, CreateTime,
            DapperTypes.Instant(DecideTime), ActorOf(AppliedBy), ActorOf(DecidedBy));

        private static Actor? ActorOf(string? json) => json is null ? null : JsonSerializer.Deserialize<Actor>(json);
    }
}

/// <summary>A write transaction on the Entity List and licences.</summary>
internal sealed class ExportControlTransaction : StoreTransaction, IExportControlTransaction
{
    private ExportControlTransaction(Database database, DbConnection connection, DbTransaction transaction) : base(database, connection, transaction)
    {
    }

    public static async Task<IExportControlTransaction> BeginAsync(Database database, CancellationToken cancellationToken) =>
        await BeginAsync(database, (connection, transaction) => new ExportControlTransaction(database, connection, transaction), cancellationToken);

    public async Task<bool> AnyEntityAsync(CancellationToken cancellationToken) =>
        await ScalarAsync<long>("SELECT count(*) FROM listed_entities", null, cancellationToken) > 0;

    public async Task<bool> EntityExistsAsync(string id, CancellationToken cancellationToken) =>
        await ScalarAsync<long>("SELECT count(*) FROM listed_entities WHERE id = @id", new { id }, cancellationToken) > 0;

    public async Task InsertAsync(ListedEntity entity, CancellationToken cancellationToken)
    {
        var listing = entity.Listing;
        await ExecuteAsync($"""
            INSERT INTO listed_entities ({ExportControlStore.EntityColumns})
            VALUES (@Id, @DisplayName, @Country, @Aliases, @ListedOn, @RemovedOn, @LicenseRequirement, @LicensePolicy, @FederalRegisterCitation, @GeneralLicenses)
            """,
            new
            {
                entity.Id, listing.DisplayName, listing.Country, Aliases = JsonSerializer.Serialize(listing.Aliases), listing.ListedOn, listing.RemovedOn,
                listing.LicenseRequirement, LicensePolicy = (int)listing.LicensePolicy, listing.FederalRegisterCitation,
                GeneralLicenses = JsonSerializer.Serialize(listing.GeneralLicenses),
            }, cancellationToken);
        foreach (var key in listing.AllNames().Select(PartyNames.Key).Distinct())
        {
            await ExecuteAsync("INSERT INTO listed_entity_names (name_key, entity_id) VALUES (@key, @id)", new { key, id = entity.Id }, cancellationToken);
        }
    }

    public async Task<ExportLicense?> LockLicenseAsync(string id, CancellationToken cancellationToken) =>
        (await FirstOrDefaultAsync<ExportControlStore.LicenseRow>($"SELECT {ExportControlStore.LicenseColumns} FROM export_licenses WHERE id = @id {Database.LockRows}",
            new { id }, cancellationToken))?.ToDomain();

    public Task InsertAsync(ExportLicense license, CancellationToken cancellationToken) =>
        ExecuteAsync($"""
            INSERT INTO export_licenses ({ExportControlStore.LicenseColumns})
            VALUES (@Id, @Applicant, @EntityId, @ExportClassification, @ItemDescription, @State, @ValidFrom, @ValidTo, @DecisionReason, @CreateTime, @DecideTime,
                    @Owner, @AppliedBy, @DecidedBy)
            """, Row(license), cancellationToken);

    public Task SaveDecisionAsync(ExportLicense license, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE export_licenses SET state = @State, valid_from = @ValidFrom, valid_to = @ValidTo, decision_reason = @DecisionReason, decide_time = @DecideTime,
                decided_by = @DecidedBy
            WHERE id = @Id
            """, Row(license), cancellationToken);

    private static object Row(ExportLicense license) => new
    {
        license.Id, license.Application.Applicant, license.Application.EntityId, license.Application.ExportClassification, license.Application.ItemDescription,
        State = (int)license.State, ValidFrom = license.Validity?.From, ValidTo = license.Validity?.To, license.DecisionReason, license.CreateTime,
        license.DecideTime, Owner = license.AppliedBy?.Owner ?? "", AppliedBy = Json(license.AppliedBy), DecidedBy = Json(license.DecidedBy),
    };

    private static string? Json(Actor? actor) => actor is null ? null : JsonSerializer.Serialize(actor);
}
