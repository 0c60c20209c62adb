using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// The book after August 2019 and Phase One, as `../shared/data/README.md` sets it out: China's
/// tranche of 2019-09-01 (5% or 10%) halved from 2020-02-14, list 4A cut from 15% to 7.5% the same
/// day, list 4B never applied, and Section 232's derivatives from 2020-02-08. Every value is $10,000.
/// </summary>
public sealed class PhaseOneTariffTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private async Task<QuoteDutyResponse> QuoteAsync(string importingCountry, Google.Type.Date entryDate, string code, string origin) =>
        await client.QuoteDutyAsync(Entry(importingCountry, entryDate, Line(code, origin, 10_000)));

    [Fact]
    public async Task QuoteDuty_UsSoybeansIntoChinaAroundPhaseOne_OweTheTrancheThenHalfOfIt()
    {
        // Soybeans (1201.90): 3% base (applied 2018-07-01), 25% from 2018-07-06, 5 more points from
        // 2019-09-01 (the table's 28% -> 33%), halved to 2.5 from 2020-02-14.
        var autumn = await QuoteAsync("CN", Day(2019, 10, 1), "1201.90", "US");
        var spring = await QuoteAsync("CN", Day(2020, 3, 1), "1201.90", "US");

        Assert.Equal(3_300m, autumn.TotalDuty.Dollars()); // 3% + 25% + 5% = 33%
        Assert.Equal(3_050m, spring.TotalDuty.Dollars()); // 3% + 25% + 2.5% = 30.5%
        Assert.Equal(["", "measures/cn-retaliation", "measures/cn-retaliation-2019-09-5"], spring.Lines[0].Components.Select(c => c.Measure));
    }

    [Fact]
    public async Task QuoteDuty_ListFourGoodsOfChinaAfterPhaseOne_OweHalfOf4AAndNo4B()
    {
        // Books (4901.99.00.10, list 4A) and a laptop (8471.30.01, list 4B), both free under MFN.
        Assert.Equal(1_500m, (await QuoteAsync("US", Day(2020, 1, 15), "4901.99.00.10", "CN")).TotalDuty.Dollars()); // 15%
        Assert.Equal(750m, (await QuoteAsync("US", Day(2020, 2, 14), "4901.99.00.10", "CN")).TotalDuty.Dollars()); // 7.5%
        Assert.Equal(0m, (await QuoteAsync("US", Day(2020, 3, 1), "8471.30.01", "CN")).TotalDuty.Dollars()); // 4B suspended before it started
    }

    [Theory]
    [InlineData("JP", "2020-02-07", 0)] // the day before the derivatives: nails are free
    [InlineData("JP", "2020-02-08", 2_500)] // 25% (9903.80.03)
    [InlineData("CA", "2020-03-01", 0)] // Canada's derivatives exempt
    [InlineData("KR", "2020-03-01", 0)] // as South Korea's
    [InlineData("CN", "2020-03-01", 5_000)] // list 3's 25% and the derivatives' 25%
    public async Task QuoteDuty_SteelNailsAroundProclamation9980_OweTheDerivativeDutyExceptForExemptCountries(string origin, string entryDate, int duty)
    {
        var date = DateOnly.ParseExact(entryDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var quote = await QuoteAsync("US", Day(date.Year, date.Month, date.Day), "7317.00.30", origin);

        Assert.Equal(duty, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_AluminumStrandedWireOfJapanIn2020_OwesItsRatePlusTheDerivativeTenPercent()
    {
        // 7614.90.40: 4.9% general rate, and 10% under 9903.85.03: $490 + $1,000.
        var quote = await QuoteAsync("US", Day(2020, 3, 1), "7614.90.40", "JP");

        Assert.Equal(1_490m, quote.TotalDuty.Dollars());
        Assert.Equal("9903.85.03", quote.Lines[0].Components[1].Heading);
    }

    [Fact]
    public async Task QuoteDuty_FurnitureOfChinaAfterTheRiseTo30PercentWasDue_OwesList3sTwentyFiveOnly()
    {
        // 9403.60.80 (list 3, free under MFN): the rise to 30% was put off to 2019-10-15 and suspended before it.
        var quote = await QuoteAsync("US", Day(2019, 10, 16), "9403.60.80", "CN");
        var rise = await fixture.Measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-lists-1-3-rise" });

        Assert.Equal(2_500m, quote.TotalDuty.Dollars());
        Assert.Equal(["measures/us-301-list-3"], quote.Lines[0].Components.Where(c => c.Measure.Length > 0).Select(c => c.Measure));
        Assert.Equal(MeasureState.Suspended, rise.State);
    }

    [Fact]
    public async Task GetMeasure_ChinasDecemberTranche_IsSuspendedAndCoversNoProduct()
    {
        var tranche = await fixture.Measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/cn-retaliation-2019-12" });

        Assert.Equal(MeasureState.Suspended, tranche.State);
        Assert.Empty(tranche.Scope);
        Assert.Equal("measures/cn-retaliation", tranche.ExcludedWith);
    }
}
