using Google.Protobuf;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Run on each store provider (see ProviderRuns).</summary>
public abstract class QuoteDutyApiTests(TariffHostFixture fixture)
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private async Task<QuoteDutyResponse> QuoteAsync(QuoteDutyRequest request) => await client.QuoteDutyAsync(request);

    [Fact]
    public async Task QuoteDuty_GasMetersOfChinaAfterListTwo_StackSpecificAdValoremAndSection301()
    {
        var quote = await QuoteAsync(Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("NO", 100))));

        Assert.Equal(1391m, quote.TotalDuty.Dollars());
        var line = Assert.Single(quote.Lines);
        Assert.Equal([("", "16 cents each + 2.5%", 141m), ("9903.88.02", "25%", 1250m)],
            line.Components.Select(c => (c.Heading, c.RateText, c.Amount.Dollars())));
        Assert.Equal("measures/us-301-list-2", line.Components[1].Measure);
    }

    [Fact]
    public async Task QuoteDuty_TenLinesOnTheWire_AreTheBytesTheGeneratedCodeWrites()
    {
        // The answer's own writer (QuoteAnswerWriter), read as bytes: they must be what the generated code writes.
        var request = Entry("US", Day(2019, 10, 1),
            Line("9028.10.00", "CN", 5000, ("NO", 100)), Line("9403.60.80", "CN", 10_000), Line("8471.30.01", "CN", 20_000),
            Line("7216.10.00", "CN", 10_000), Line("2845.90.00", "CN", 5000), Line("8517.62.00.90", "CN", 1000), Line("4901.99.00.10", "CN", 1000),
            Line("6109.10.00", "CN", 3000), Line("3926.90.99", "CN", 2000), Line("8504.40.95", "CN", 4000));

        var bytes = await RawAnswers.CallAsync(fixture.Host.Channel, TariffService.Descriptor, "QuoteDuty", request);

        var answer = QuoteDutyResponse.Parser.ParseFrom(bytes);
        Assert.Equal(10, answer.Lines.Count);
        Assert.Equal(answer.ToByteArray(), bytes);
    }

    [Fact]
    public async Task QuoteDuty_GasMetersTheDayBeforeListTwo_OweOnlyTheBaseRate()
    {
        var quote = await QuoteAsync(Entry("US", Day(2018, 8, 22), Line("9028.10.00", "CN", 5000, ("NO", 100))));

        Assert.Equal(141m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(2018, 9, 23, 0)]
    [InlineData(2018, 10, 1, 1000)]
    [InlineData(2019, 5, 9, 1000)]
    [InlineData(2019, 7, 1, 2500)]
    public async Task QuoteDuty_ListThreeFurnitureParts_FollowTheRateInForceOnTheEntryDate(int year, int month, int day, int expected)
    {
        var quote = await QuoteAsync(Entry("US", Day(year, month, day), Line("9403.60.80", "CN", 10_000)));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_ListThreeGoodsExportedBeforeMay10AndEnteredBeforeJune15_StayAtTenPercent()
    {
        var request = Entry("US", Day(2019, 6, 10), Line("9403.60.80", "CN", 10_000));
        request.Lines[0].ExportDate = Day(2019, 5, 5);

        var quote = await QuoteAsync(request);

        Assert.Equal(1000m, quote.TotalDuty.Dollars());
        Assert.Equal("9903.88.09", quote.Lines[0].Components[1].Heading);
    }

    [Theory]
    [InlineData(2019, 5, 10, 2019, 6, 10)]
    [InlineData(2019, 5, 5, 2019, 6, 15)]
    public async Task QuoteDuty_ListThreeGoodsOutsideTheTransitWindow_OweTwentyFivePercent(int exportYear, int exportMonth, int exportDay, int entryYear, int entryMonth, int entryDay)
    {
        var request = Entry("US", Day(entryYear, entryMonth, entryDay), Line("9403.60.80", "CN", 10_000));
        request.Lines[0].ExportDate = Day(exportYear, exportMonth, exportDay);

        var quote = await QuoteAsync(request);

        Assert.Equal(2500m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_ListFourBComputers_OweNothingSinceFourBNeverTookEffect()
    {
        var quote = await QuoteAsync(Entry("US", Day(2020, 1, 15), Line("8471.30.01", "CN", 1000)));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.DoesNotContain(quote.Lines[0].Components, c => c.Measure.Length > 0);
    }

    [Theory]
    [InlineData(2019, 9, 1, 150)]
    [InlineData(2020, 2, 13, 150)]
    [InlineData(2020, 2, 14, 75)]
    public async Task QuoteDuty_ListFourAProduct_FifteenThenSevenAndAHalfPercent(int year, int month, int day, int expected)
    {
        var quote = await QuoteAsync(Entry("US", Day(year, month, day), Line("4901.99.00.10", "CN", 1000)));

        Assert.Equal(expected, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData("VN")]
    [InlineData("HK")]
    public async Task QuoteDuty_ListOneProductOfAnotherOrigin_OwesNoSection301Duty(string origin)
    {
        var quote = await QuoteAsync(Entry("US", Day(2018, 9, 1), Line("2845.90.00", origin, 5000)));

        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.DoesNotContain(quote.Lines[0].Components, c => c.Heading.StartsWith("9903.88", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuoteDuty_SteelShapesOfChinaInListFourA_StackSection232AndSection301()
    {
        var quote = await QuoteAsync(Entry("US", Day(2019, 10, 1), Line("7216.10.00", "CN", 10_000)));

        Assert.Equal(4000m, quote.TotalDuty.Dollars());
        Assert.Equal(["", "9903.80.01", "9903.88.15"], quote.Lines[0].Components.Select(c => c.Heading).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QuoteDuty_AluminumSheetOfGermany_AddsSection232ToTheBaseRate()
    {
        var quote = await QuoteAsync(Entry("US", Day(2018, 6, 1), Line("7606.12.30", "DE", 1000)));

        Assert.Equal(130m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_SoybeansOfTheUsIntoChinaOnJulySixth_OweBasePlusRetaliation()
    {
        var quote = await QuoteAsync(Entry("CN", Day(2018, 7, 6), Line("1201.90", "US", 1000)));

        Assert.Equal(280m, quote.TotalDuty.Dollars());
        Assert.Equal(["3%", "25%"], quote.Lines[0].Components.Select(c => c.RateText));
    }

    [Fact]
    public async Task QuoteDuty_SoybeansOfTheUsTheDayBeforeRetaliation_OweTheBaseRateOnly()
    {
        var quote = await QuoteAsync(Entry("CN", Day(2018, 7, 5), Line("1201.90", "US", 1000)));

        Assert.Equal(30m, quote.TotalDuty.Dollars());
    }

    [Theory]
    [InlineData(2018, 9, 1, 800, 0, true)]
    [InlineData(2018, 9, 1, 801, 220.60, false)]
    [InlineData(2016, 3, 9, 201, 5.35, false)]
    [InlineData(2016, 3, 10, 800, 0, true)]
    public async Task QuoteDuty_EntryAtOrUnderTheDeMinimisThreshold_OwesNoDutyAtAll(int year, int month, int day, int value, double expected, bool deMinimis)
    {
        var quote = await QuoteAsync(Entry("US", Day(year, month, day), Line("9028.10.00", "CN", value / 2, ("NO", 1)), Line("9028.10.00", "CN", value - (value / 2), ("NO", 1))));

        Assert.Equal(deMinimis, quote.DeMinimis);
        Assert.Equal((decimal)expected, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_TenDigitCodeSplitIntoListFourA_TakesTheSplitHeadingNotItsParent()
    {
        var quote = await QuoteAsync(Entry("US", Day(2019, 10, 1), Line("8517.62.00.90", "CN", 1000), Line("8517.62.00.10", "CN", 1000)));

        Assert.Equal("9903.88.15", quote.Lines[0].Components[^1].Heading);
        Assert.Equal(150m, quote.Lines[0].Duty.Dollars());
        Assert.Equal("9903.88.04", quote.Lines[1].Components[^1].Heading);
        Assert.Equal(250m, quote.Lines[1].Duty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_WhatIfListThreeSuspended_PricesWithoutItAndChangesNothing()
    {
        var before = await measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3", View = MeasureView.Basic });
        var request = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));
        request.WhatIf.Add(new WhatIfChange { Measure = "measures/us-301-list-3", Suspend = true });

        var whatIf = await QuoteAsync(request);
        request.WhatIf.Clear();
        var actual = await QuoteAsync(request);
        var after = await measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3", View = MeasureView.Basic });

        Assert.Equal(0m, whatIf.TotalDuty.Dollars());
        Assert.Equal(2500m, actual.TotalDuty.Dollars());
        Assert.Equal(before.Etag, after.Etag);
    }

    [Fact]
    public async Task QuoteDuty_WhatIfListFourBAtSevenAndAHalfFromADate_AppliesOnlyFromThatDate()
    {
        var change = new WhatIfChange
        {
            Measure = "measures/us-301-list-4b",
            SetRatePercent = new Google.Type.Decimal { Value = "7.5" },
            EffectiveDate = Day(2020, 3, 1),
        };
        var before = Entry("US", Day(2020, 2, 1), Line("8471.30.01", "CN", 1000));
        before.WhatIf.Add(change);
        var after = Entry("US", Day(2020, 3, 1), Line("8471.30.01", "CN", 1000));
        after.WhatIf.Add(change);

        Assert.Equal(0m, (await QuoteAsync(before)).TotalDuty.Dollars());
        Assert.Equal(75m, (await QuoteAsync(after)).TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_SpecificRateWithoutItsQuantity_NamesTheMissingUnit()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(
            Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("KG", 3)))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetBadRequest()!.FieldViolations);
        Assert.Equal("lines[0].quantities", violation.Field);
        Assert.Contains("unit NO", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuoteDuty_BadCodeNegativeValueAndWrongCurrency_NameEachField()
    {
        var request = Entry("US", Day(2018, 9, 1), Line("9028.1", "CN", -5), Line("9028.10.00", "China", 5));
        request.Lines[1].CustomsValue.CurrencyCode = "EUR";

        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(request).ResponseAsync);

        Assert.Equal(["lines[0].customs_value", "lines[0].hts_code", "lines[1].customs_value", "lines[1].origin_country"],
            error.GetInvalidFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task QuoteDuty_CodeNotInTheSchedule_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QuoteDutyAsync(
            Entry("US", Day(2018, 9, 1), Line("9028.10.01", "CN", 5000))).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("TARIFF_LINE_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task QuoteDuty_CentsInValues_AreExact()
    {
        var quote = await QuoteAsync(Entry("US", Day(2019, 7, 1), new QuoteLine
        {
            HtsCode = "9403.60.80",
            OriginCountry = "CN",
            CustomsValue = Usd(1234, 560_000_000),
        }));

        Assert.Equal(308.64m, quote.TotalDuty.Dollars());
        Assert.Equal(640_000_000, quote.TotalDuty.Nanos);
    }

    [Fact]
    public async Task LookupRates_ListThreeProductAfterMay10_GivesBaseAndMeasureWithoutAmounts()
    {
        var rates = await client.LookupRatesAsync(new LookupRatesRequest
        {
            HtsCode = "9403.60.80", OriginCountry = "CN", ImportingCountry = "US", EntryDate = Day(2019, 7, 1),
        });

        Assert.Equal([("", "Free"), ("9903.88.03", "25%")], rates.Rates.Select(r => (r.Heading, r.RateText)));
        Assert.Equal("25", rates.Rates[1].AdValoremPercent.Value);
        Assert.Equal("measures/us-301-list-3", rates.Rates[1].Measure);
    }
}
