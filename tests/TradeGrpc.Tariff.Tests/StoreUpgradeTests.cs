using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// A store made by an earlier version is upgraded on its next start, once: general licences get the
/// activities they covered, the schedule its special rates, the measures their country treatments,
/// the exclusions the sample ones.
/// </summary>
public sealed class StoreUpgradeTests
{
    /// <summary>
    /// A store loaded by a first start, then put back as it stood before <paramref name="migration"/>
    /// by <paramref name="asItStood"/> (given the first host, still running), and started again.
    /// </summary>
    private static async Task<ServiceHost> UpgradedAsync(TestStore store, string migration, Func<ServiceHost, Task> asItStood)
    {
        await using (var first = await ServiceHost.StartAsync(TariffApp.Build, store.Settings))
        {
            await asItStood(first);
        }

        await store.ExecuteAsync("tariff", $"DELETE FROM {TradeGrpc.Storage.Migrations.JournalTable} WHERE scriptname = '{migration}'");
        return await ServiceHost.StartAsync(TariffApp.Build, store.Settings);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task CheckExport_NewSaleToHuaweiOnAStoreLoadedBeforeActivities_NeedsALicenseAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using var host = await UpgradedAsync(store, "0006_general_licence_activities", _ => store.ExecuteAsync("tariff", """
            UPDATE listed_entities SET general_licenses = REPLACE(general_licenses, '"Activities":[2,3,4,5]', '"Activities":null');
            """));

        var check = await new ExportControlService.ExportControlServiceClient(host.Channel).CheckExportAsync(new CheckExportRequest
        {
            PartyName = "Huawei", ExportClassification = "5A002", ShipDate = Day(2019, 9, 1), Activity = ExportActivity.Other,
        });

        Assert.Equal(ExportBasis.LicenseRequired, check.Basis);
        Assert.Equal(4, check.GeneralLicense.Activities.Count);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task QuoteDuty_KorusClaimOnAStoreLoadedBeforeSpecialRates_IsPricedAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using var host = await UpgradedAsync(store, "0007_special_rates", _ => store.ExecuteAsync("tariff", "ALTER TABLE tariff_lines DROP COLUMN special_rate_text"));

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(
            Entry("US", Day(2019, 6, 3), new QuoteLine(Line("7606.12.60", "KR", 10_000)) { PreferenceProgram = "KR" }));

        // KORUS's 2.6% of $10,000 = $260, and Section 232's 10% = $1,000.
        Assert.Equal(1_260m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task QuoteDuty_CanadianSteelOnAStoreSeededBeforeCountryTreatments_IsExemptAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        // Section 232 steel charging every country alike, as it was seeded before.
        await using var host = await UpgradedAsync(store, "0008_country_treatments", first => new MeasureService.MeasureServiceClient(first.Channel).UpdateMeasureAsync(
            new UpdateMeasureRequest
            {
                Measure = new Measure { Name = "measures/us-232-steel" },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "country_treatments" } },
            }).ResponseAsync);

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Line("7210.49.00", "CA", 10_000)));

        // Canada's steel has been exempt since 2019-05-20 (Proclamation 9894); the general rate is free.
        Assert.Equal(0m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task QuoteDuty_SoybeansOnAStoreSeededBeforeChinasTranches_OweTheHalvedTrancheOnceAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        // The measures a store seeded before had not: China's tranches of 2019 and Section 232's derivatives.
        await using var host = await UpgradedAsync(store, "0010_bundled_measures_2020", _ => store.ExecuteAsync("tariff", """
            DELETE FROM documents WHERE kind = 'measure' AND id IN ('cn-retaliation-2019-09-10', 'cn-retaliation-2019-09-5', 'cn-retaliation-2019-12',
                'us-232-steel-derivatives', 'us-232-aluminum-derivatives', 'us-301-lists-1-3-rise');
            """));

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("CN", Day(2020, 3, 1), Line("1201.90", "US", 10_000)));

        // 3% base, 25% retaliation, and the tranche's 5 points halved to 2.5 from 2020-02-14: 30.5% of $10,000.
        Assert.Equal(3_050m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task QuoteDuty_LubricantsOnAStoreSeededBeforeTheSampleExclusions_AreExcludedAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using var host = await UpgradedAsync(store, "0009_exclusion_allowances",
            _ => store.ExecuteAsync("tariff", "DELETE FROM documents WHERE kind = 'exclusion' AND id LIKE 'cn-%'"));

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("CN", Day(2019, 10, 15), Line("2710.19", "US", 10_000)));

        // China's first exclusion list takes lubricants out of the 25% retaliation from 2019-09-17: the 9% base of $10,000 is left.
        Assert.Equal(900m, quote.TotalDuty.Dollars());
        Assert.Equal(["exclusions/cn-list1-lubricants"], quote.Lines[0].ExclusionsApplied);
    }
}
