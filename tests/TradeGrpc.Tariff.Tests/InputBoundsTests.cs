using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Input at and past the contract's bounds answers INVALID_ARGUMENT naming the field, on each store
/// provider (see ProviderRuns): PostgreSQL cannot store a NUL, so it must never reach the store.
/// </summary>
public abstract class InputBoundsTests(TariffHostFixture fixture)
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private readonly ExportControlService.ExportControlServiceClient exportControls = fixture.ExportControls;

    private static async Task AssertInvalidAsync<T>(AsyncUnaryCall<T> call, params string[] fields)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(fields, error.GetInvalidFields());
    }

    private static CreateMeasureRequest HorseTariff(string id) => new()
    {
        MeasureId = id,
        Measure = new Measure
        {
            Title = "Tariff on Mexican horses",
            LegalBasis = LegalBasis.Section232,
            ImportingCountry = "US",
            OriginCountries = { "MX" },
            Scope = { new ProductScope { Code = "01012100" } },
            Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
        },
    };

    [Fact]
    public async Task CreateMeasure_IdEndingInANewline_IsInvalidArgumentAndCreatesNothing()
    {
        await AssertInvalidAsync(measures.CreateMeasureAsync(HorseTariff("horses-newline\n")), "measure_id");

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/horses-newline" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task CreateMeasure_OriginEndingInANewline_IsInvalidArgumentOnThatOrigin()
    {
        var request = HorseTariff("horses-origin-newline");
        request.Measure.OriginCountries.Add("CA\n");

        await AssertInvalidAsync(measures.CreateMeasureAsync(request), "measure.origin_countries[1]");
    }

    [Fact]
    public async Task CreateMeasure_TitleWithANul_IsInvalidArgumentOnTheTitle()
    {
        var request = HorseTariff("horses-nul");
        request.Measure.Title = "Tariff on\0horses";

        await AssertInvalidAsync(measures.CreateMeasureAsync(request), "measure.title");
    }

    [Fact]
    public async Task CheckExport_PartyNameWithANul_IsInvalidArgumentOnThePartyName() =>
        await AssertInvalidAsync(exportControls.CheckExportAsync(new CheckExportRequest
        {
            PartyName = "Huawei\0Technologies",
            ExportClassification = "5A002",
            ShipDate = Day(2019, 6, 1),
        }), "party_name");

    [Fact]
    public async Task CreateEntity_NameWithAnEscapeCharacter_IsInvalidArgumentOnTheName() =>
        await AssertInvalidAsync(exportControls.CreateEntityAsync(new CreateEntityRequest
        {
            Entity = new Entity
            {
                DisplayName = "Example \u001b[31mComponents",
                Country = "CN",
                ListedDate = Day(2020, 1, 1),
                LicenseRequirement = "All items subject to the EAR",
                LicensePolicy = LicensePolicy.CaseByCase,
                FederalRegisterCitation = "85 FR 0000",
            },
        }), "entity.display_name");

    [Fact]
    public async Task QuoteDuty_CustomsValueAboveTenTrillionDollars_IsInvalidArgumentOnIt() =>
        await AssertInvalidAsync(client.QuoteDutyAsync(Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000_000_000_001))),
            "lines[0].customs_value");

    [Fact]
    public async Task QuoteDuty_CustomsValueOfTenTrillionDollars_IsQuoted()
    {
        // Furniture of China under list 3 at 25% from 10 May 2019, free of base duty: 25% of $10,000,000,000,000.
        var quote = await client.QuoteDutyAsync(Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000_000_000_000)));

        Assert.Equal(2_500_000_000_000m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_QuantityOfTenToTheTwentyNinth_IsInvalidArgumentOnIt()
    {
        var request = Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000));
        request.Lines[0].Quantities.Add(new Quantity { Unit = "NO", Value = new Google.Type.Decimal { Value = "1" + new string('0', 29) } });

        await AssertInvalidAsync(client.QuoteDutyAsync(request), "lines[0].quantities[0].value");
    }

    [Theory]
    [InlineData("1000.5")]
    [InlineData("1001")]
    [InlineData("25\n")]
    public async Task QuoteDuty_WhatIfRateOutOfRange_IsInvalidArgumentOnIt(string percent)
    {
        var request = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));
        request.WhatIf.Add(new WhatIfChange { Measure = "measures/us-301-list-3", SetRatePercent = new Google.Type.Decimal { Value = percent } });

        await AssertInvalidAsync(client.QuoteDutyAsync(request), "what_if[0].set_rate_percent");
    }

    [Fact]
    public async Task QuoteDuty_WhatIfRateOfOneThousandPercent_IsQuoted()
    {
        var request = Entry("US", Day(2019, 7, 1), Line("9403.60.80", "CN", 10_000));
        request.WhatIf.Add(new WhatIfChange { Measure = "measures/us-301-list-3", SetRatePercent = new Google.Type.Decimal { Value = "1000" } });

        // 1000% of $10,000 under list 3; the base rate of 9403.60.80 is free.
        Assert.Equal(100_000m, (await client.QuoteDutyAsync(request)).TotalDuty.Dollars());
    }
}
