using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>A store loaded before general licences named their activities is upgraded on start, so the Huawei licence stops authorizing new sales there too.</summary>
public sealed class GeneralLicenceUpgradeTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task CheckExport_NewSaleToHuaweiOnAStoreLoadedBeforeActivities_NeedsALicenseAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using (await ServiceHost.StartAsync(TariffApp.Build, store.Settings))
        {
            // First start: the bundled Entity List is loaded.
        }

        // As the store stood before: windows without activities, and the upgrade not yet applied.
        await store.ExecuteAsync("tariff", """
            UPDATE listed_entities SET general_licenses = REPLACE(general_licenses, '"Activities":[2,3,4,5]', '"Activities":null');
            """);
        await store.ExecuteAsync("tariff", $"DELETE FROM {TradeGrpc.Storage.Migrations.JournalTable} WHERE scriptname = '0006_general_licence_activities'");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);

        var check = await new ExportControlService.ExportControlServiceClient(host.Channel).CheckExportAsync(new CheckExportRequest
        {
            PartyName = "Huawei", ExportClassification = "5A002", ShipDate = Day(2019, 9, 1), Activity = ExportActivity.Other,
        });

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.Equal(4, check.GeneralLicense.Activities.Count);
    }
}
