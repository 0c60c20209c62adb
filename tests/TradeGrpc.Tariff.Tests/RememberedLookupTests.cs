using Google.Protobuf;
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

    [Fact]
    public async Task LookupRates_AskedAgainAndWithAWhatIf_AreTheBytesTheGeneratedCodeWrites()
    {
        // A remembered lookup's answer is written once and its bytes copied after (LookupAnswers, KeptAnswers); one with a what-if is written anew.
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var whatIf = FurnitureParts.Clone();
        whatIf.WhatIf.Add(new WhatIfChange { Measure = "measures/us-301-list-3", Suspend = true });

        var first = await RawAnswers.CallAsync(host.Channel, TariffService.Descriptor, "LookupRates", FurnitureParts);
        var again = await RawAnswers.CallAsync(host.Channel, TariffService.Descriptor, "LookupRates", FurnitureParts);
        var suspended = await RawAnswers.CallAsync(host.Channel, TariffService.Descriptor, "LookupRates", whatIf);

        var answer = LookupRatesResponse.Parser.ParseFrom(first);
        Assert.Equal(["", "9903.88.03"], answer.Rates.Select(r => r.Heading));
        Assert.Equal(answer.ToByteArray(), first);
        Assert.Equal(first, again);
        var withWhatIf = LookupRatesResponse.Parser.ParseFrom(suspended);
        Assert.Equal([""], withWhatIf.Rates.Select(r => r.Heading));
        Assert.Equal(withWhatIf.ToByteArray(), suspended);
    }
}
