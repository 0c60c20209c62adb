using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// A store left by the version that kept CreateEntity's and ApplyForLicense's request_ids on their
/// rows (schema 0001-0003, recorded in schema_migrations) is migrated forward on start: those
/// request_ids join the one request log, and a retry after the upgrade is still a retry.
/// </summary>
public sealed class LegacyStoreTests
{
    private const string EntityRequestId = "0b5e3f4c-6d7e-4f80-9a1b-2c3d4e5f6a70";
    private const string LicenseRequestId = "1c6f4a5d-7e8f-4a91-8b2c-3d4e5f6a7b81";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task RequestIdsKeptOnTheirRows_AreRetriesAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        foreach (var script in new[] { "0001_tariff_lines", "0002_measures_exclusions", "0003_export_controls" })
        {
            await using var stream = typeof(TariffApp).Assembly.GetManifestResourceStream($"TradeGrpc.Tariff.Data.Migrations.{script}.sql")!;
            await store.ExecuteAsync("tariff", await new StreamReader(stream).ReadToEndAsync());
        }

        await store.ExecuteAsync("tariff", $"""
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            INSERT INTO schema_migrations VALUES (1, 'tariff_lines', '2019-08-01'), (2, 'measures_exclusions', '2019-08-01'), (3, 'export_controls', '2019-08-01');
            INSERT INTO listed_entities (id, display_name, country, aliases, listed_on, license_requirement, license_policy, federal_register_citation,
                general_licenses, request_id, request_fingerprint)
            VALUES ('old-entity', 'Example Components Ltd.', 'CN', '[]', '2019-05-16', 'All items subject to the EAR', 1, '', '[]', '{EntityRequestId}', 'A1');
            INSERT INTO listed_entity_names (name_key, entity_id) VALUES ('EXAMPLE COMPONENTS LTD.', 'old-entity');
            INSERT INTO export_licenses (id, applicant, entity_id, export_classification, item_description, state, decision_reason, create_time,
                request_id, request_fingerprint)
            VALUES ('old-license', 'Example Exporter Inc.', 'old-entity', '5A002', 'Modules', 1, '', '2019-06-01T00:00:00.0000000+00:00', '{LicenseRequestId}', 'B2');
            """);
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
        var exportControls = new ExportControlService.ExportControlServiceClient(host.Channel);

        var entity = await exportControls.CreateEntityAsync(new CreateEntityRequest
        {
            RequestId = EntityRequestId,
            Entity = new Entity
            {
                DisplayName = "Example Components Ltd.", Country = "CN", ListedDate = new Google.Type.Date { Year = 2019, Month = 5, Day = 16 },
                LicenseRequirement = "All items subject to the EAR", LicensePolicy = LicensePolicy.PresumptionOfDenial,
            },
        });
        var license = await exportControls.ApplyForLicenseAsync(new ApplyForLicenseRequest
        {
            RequestId = LicenseRequestId,
            License = new License { Applicant = "Example Exporter Inc.", Entity = "entities/old-entity", ExportClassification = "5A002", ItemDescription = "Modules" },
        });
        var entities = await exportControls.ListEntitiesAsync(new ListEntitiesRequest());

        Assert.Equal(("entities/old-entity", "licenses/old-license"), (entity.Name, license.Name));
        // The old entity was there, so the bundled Entity List was not loaded over it, and the retry listed nothing new.
        Assert.Equal("entities/old-entity", Assert.Single(entities.Entities).Name);
    }
}
