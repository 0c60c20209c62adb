using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// A store loaded before the schedule kept special rates, or before measures kept country
/// treatments, takes them from the bundled data on its next start, once.
/// </summary>
public sealed class BundledDataUpgradeTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task QuoteDuty_KorusClaimOnAStoreLoadedBeforeSpecialRates_IsPricedAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Tariff");
        await using (await ServiceHost.StartAsync(TariffApp.Build, store.Settings))
        {
            // First start: the bundled schedule is loaded with its special rates.
        }

        // As the store stood before migration 0007: lines without special rates, the migration not yet applied.
        await store.ExecuteAsync("tariff", "UPDATE tariff_lines SET special_rate_text = ''");
        await store.ExecuteAsync("tariff", $"DELETE FROM {TradeGrpc.Storage.Migrations.JournalTable} WHERE scriptname = '0007_special_rates'");
        await store.ExecuteAsync("tariff", "ALTER TABLE tariff_lines DROP COLUMN special_rate_text");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);

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
        await using (var first = await ServiceHost.StartAsync(TariffApp.Build, store.Settings))
        {
            // As the store stood before migration 0008: Section 232 steel charging every country alike.
            await new MeasureService.MeasureServiceClient(first.Channel).UpdateMeasureAsync(new UpdateMeasureRequest
            {
                Measure = new Measure { Name = "measures/us-232-steel" },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "country_treatments" } },
            });
        }

        await store.ExecuteAsync("tariff", $"DELETE FROM {TradeGrpc.Storage.Migrations.JournalTable} WHERE scriptname = '0008_country_treatments'");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("US", Day(2019, 6, 3), Line("7210.49.00", "CA", 10_000)));

        // Canada's steel has been exempt since 2019-05-20 (Proclamation 9894); the general rate is free.
        Assert.Equal(0m, quote.TotalDuty.Dollars());
    }
}
