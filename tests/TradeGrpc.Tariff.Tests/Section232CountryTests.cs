using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Section 232 by country and date, as the proclamations set it (../shared/data/README.md,
/// "Section 232"), on $10,000 entries. 7210.49.00 (galvanized flat-rolled steel) and 7606.12.60
/// (aluminum plates): steel owes 25% ($2,500) and aluminum 10% ($1,000) where no treatment applies;
/// 7210.49.00's general rate is free, 7606.12.60's is 6.5% ($650).
/// </summary>
[Collection(SharedTariffHost.Name)]
public sealed class Section232CountryTests(TariffHostFixture fixture)
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private async Task<QuoteDutyResponse> QuoteAsync(string code, string origin, Google.Type.Date entered) =>
        await client.QuoteDutyAsync(Entry("US", entered, Line(code, origin, 10_000)));

    [Theory]
    [InlineData(2018, 4, 15, 0)] // temporarily exempt (Proclamation 9711)
    [InlineData(2018, 5, 31, 0)] // exemption extended to 2018-05-31 (Proclamation 9740)
    [InlineData(2018, 6, 1, 2_500)] // owes 25% from 2018-06-01
    [InlineData(2019, 5, 19, 2_500)]
    [InlineData(2019, 5, 20, 0)] // exempt again from 2019-05-20 (Proclamation 9894)
    [InlineData(2019, 6, 3, 0)]
    public async Task QuoteDuty_CanadianSteel_FollowsCanadasTreatmentOnTheEntryDate(int year, int month, int day, int expected)
    {
        var quote = await QuoteAsync("7210.49.00", "CA", Day(year, month, day));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData("DE", 2018, 4, 15, 0)] // the EU was exempt to 2018-05-31
    [InlineData("DE", 2018, 6, 15, 2_500)]
    [InlineData("AU", 2019, 6, 3, 0)] // Australia exempt from 2018-06-01 with no quota
    [InlineData("CN", 2018, 4, 15, 2_500)] // China never had an exemption (list 4A's steel came later)
    public async Task QuoteDuty_SteelOfOtherOrigins_FollowsTheirTreatment(string origin, int year, int month, int day, int expected)
    {
        var quote = await QuoteAsync("7210.49.00", origin, Day(year, month, day));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_KoreanSteelWithinItsAbsoluteQuota_OwesNoSection232ButSaysItCountsAgainstTheQuota()
    {
        var quote = await QuoteAsync("7210.49.00", "KR", Day(2019, 6, 3));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        var quota = Assert.Single(quote.Lines[0].Components, c => c.Measure == "measures/us-232-steel");
        Assert.Equal((0m, "9903.80.01"), (quota.Amount.Dollars(), quota.Heading));
        Assert.Contains("absolute quota of KR", quota.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2018, 8, 12, 2_500, "9903.80.01")]
    [InlineData(2018, 8, 13, 5_000, "9903.80.02")] // 50% from 2018-08-13 (Proclamation 9772)
    [InlineData(2019, 5, 20, 5_000, "9903.80.02")]
    [InlineData(2019, 5, 21, 2_500, "9903.80.01")] // back to 25% (Proclamation 9886)
    public async Task QuoteDuty_TurkishSteel_PaysFiftyPercentInItsWindow(int year, int month, int day, int expected, string heading)
    {
        var quote = await QuoteAsync("7210.49.00", "TR", Day(year, month, day));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
        Assert.Equal(heading, Assert.Single(quote.Lines[0].Components, c => c.Measure == "measures/us-232-steel").Heading);
    }

    [Theory]
    [InlineData("BR", 650 + 1_000)] // Brazil's aluminum owes the 10% (only its steel had a quota)
    [InlineData("AR", 650)] // Argentina's aluminum: within its absolute quota
    [InlineData("MX", 650)] // exempt from 2019-05-20
    [InlineData("KR", 650 + 1_000)] // Korea's aluminum owes the 10% from 2018-05-01
    public async Task QuoteDuty_AluminumPlatesIn2019_FollowTheirOriginsTreatment(string origin, int expected)
    {
        var quote = await QuoteAsync("7606.12.60", origin, Day(2019, 6, 3));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task GetMeasure_Steel_ListsTheCountryTreatments()
    {
        var steel = await fixture.Measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-232-steel" });

        var turkey = Assert.Single(steel.CountryTreatments, t => t.OriginCountries.Contains("TR"));
        Assert.Equal((CountryTreatmentKind.Rate, "50", "9903.80.02"), (turkey.Kind, turkey.AdValoremPercent.Value, turkey.Heading));
        Assert.Equal(Day(2019, 5, 20), turkey.EndDate);
        Assert.Equal(7, steel.CountryTreatments.Count);
    }

    [Fact]
    public async Task CreateMeasure_RateTreatmentWithoutItsRate_IsInvalidArgumentOnTheField()
    {
        var request = new CreateMeasureRequest
        {
            MeasureId = "primates-rate-treatment",
            Measure = new Measure
            {
                Title = "Tariff on primates",
                LegalBasis = LegalBasis.Section232,
                ImportingCountry = "US",
                Scope = { new ProductScope { Code = "01061100" } },
                Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
                CountryTreatments = { new CountryTreatment { OriginCountries = { "NZ" }, StartDate = Day(2019, 1, 1), Kind = CountryTreatmentKind.Rate } },
            },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Measures.CreateMeasureAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["measure.country_treatments[0].ad_valorem_percent"], error.GetInvalidFields());
    }

    [Fact]
    public async Task UpdateMeasure_CountryTreatmentsPath_ReplacesThemAndQuotesFollow()
    {
        var created = await fixture.Measures.CreateMeasureAsync(new CreateMeasureRequest
        {
            MeasureId = "primates-treatments",
            Measure = new Measure
            {
                Title = "Tariff on primates",
                LegalBasis = LegalBasis.Section232,
                ImportingCountry = "US",
                Heading = "9903.99.02",
                Scope = { new ProductScope { Code = "01061100" } },
                Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
                CountryTreatments = { new CountryTreatment { OriginCountries = { "NZ" }, StartDate = Day(2019, 1, 1), Kind = CountryTreatmentKind.Exempt } },
            },
        });
        async Task<decimal> NewZealandDutyAsync() => (await QuoteAsync("0106.11.00", "NZ", Day(2019, 6, 3))).TotalDuty.Dollars();
        var exempt = await NewZealandDutyAsync();

        await fixture.Measures.UpdateMeasureAsync(new UpdateMeasureRequest
        {
            Measure = new Measure { Name = created.Name },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "country_treatments" } },
        });
        var charged = await NewZealandDutyAsync();
        await fixture.Measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });

        // 0106.11.00 (primates) is free under the general rate: the measure's 5% of $10,000 is all.
        Assert.Equal(0m, exempt);
        Assert.Equal(500m, charged);
    }
}
