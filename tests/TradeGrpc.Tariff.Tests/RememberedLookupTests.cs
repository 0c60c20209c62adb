using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Lookups are remembered for a state of the book: a change must show at once. Each test has a host of its own, since it changes the bundled measures.</summary>
public sealed class RememberedLookupTests
{
    private static readonly LookupRatesRequest FurnitureParts = new()
    {
        HtsCode = "9403.60.80", OriginCountry = "CN", ImportingCountry = "US", EntryDate = Day(2019, 7, 1),
    };

    [Fact]
    public async Task LookupRates_AskedAgainAfterTheMeasureIsSuspended_NoLongerGivesIt()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var client = new TariffService.TariffServiceClient(host.Channel);
        var before = await client.LookupRatesAsync(FurnitureParts);
        var again = await client.LookupRatesAsync(FurnitureParts);

        // List 3 suspended from 2019-06-01: on 2019-07-01 only the MFN rate (free) is left.
        await new MeasureService.MeasureServiceClient(host.Channel).SuspendMeasureAsync(
            new SuspendMeasureRequest { Name = "measures/us-301-list-3", EffectiveDate = Day(2019, 6, 1) });
        var after = await client.LookupRatesAsync(FurnitureParts);

        Assert.Equal(["", "9903.88.03"], before.Rates.Select(r => r.Heading));
        Assert.Equal(before, again);
        Assert.Equal([("", "Free")], after.Rates.Select(r => (r.Heading, r.RateText)));
    }
}
