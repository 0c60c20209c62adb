using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>A store whose schedule was loaded before special rates were kept takes them from the bundled file on start.</summary>
public sealed class SpecialRatesUpgradeTests
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

        // As the 0007 migration leaves an older store: the column there, every line without special rates.
        await store.ExecuteAsync("tariff", "UPDATE tariff_lines SET special_rate_text = ''");
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, store.Settings);

        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(
            Entry("US", Day(2019, 6, 3), new QuoteLine(Line("7606.12.60", "KR", 10_000)) { PreferenceProgram = "KR" }));

        // KORUS's 2.6% of $10,000 = $260, and Section 232's 10% = $1,000.
        Assert.Equal(1_260m, quote.TotalDuty.Dollars());
    }
}
