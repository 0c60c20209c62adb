using System.Globalization;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// Exclusions limited to one importer and an allowance, and absolute quotas counted per period, on
/// the bundled data. Into China on 2019-10-15: soybeans (1201.90) owe a 3% base (the rate applied on
/// 2018-07-01) and 30% retaliation (33% applied from 2019-09-01, less the base: 25% from 2018 and 5%
/// of China's tranche of 2019-09-01, a measure of its own excluded with the rest); lubricating oils
/// (2710.19) a 9% base and 25% retaliation (34% from 2018-08-23). Each test grants exclusions to an
/// importer of its own, and counts quotas on a measure of its own in a year of its own, so that what
/// it uses up changes no other test's quote.
/// </summary>
public abstract class AllowanceApiTests(TariffHostFixture fixture)
{
    private static readonly Google.Type.Date October15 = Day(2019, 10, 15);

    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static Allowance Tonnes(decimal tonnes) => Amount("T", tonnes);

    private static Allowance Kilograms(decimal kilograms) => Amount("KG", kilograms);

    private static Allowance Amount(string unit, decimal amount) =>
        new() { Quantity = new Quantity { Unit = unit, Value = new Google.Type.Decimal { Value = amount.ToString(CultureInfo.InvariantCulture) } } };

    private static QuoteLine CnLine(string code, long usd, decimal tonnes, string importer) =>
        new(Line(code, "US", usd, ("T", tonnes))) { Importer = importer };

    /// <summary>An importer's request for an exclusion from China's retaliation, pending.</summary>
    private Task<Exclusion> RequestAsync(string code, string importer, Allowance? allowance) =>
        measures.RequestExclusionAsync(new RequestExclusionRequest
        {
            Exclusion = new Exclusion
            {
                Measure = "measures/cn-retaliation", HtsCode = code, Requester = importer, Importer = importer, Allowance = allowance,
                ProductDescription = "For a stated purchase",
            },
        }).ResponseAsync;

    /// <summary>A grant of <paramref name="requested"/> with <paramref name="allowance"/> for the year to 2020-09-12, refused: the error, and the request as it is after.</summary>
    private async Task<(RpcException Error, Exclusion Kept)> RefusedGrantAsync(Exclusion requested, Allowance allowance)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => measures.GrantExclusionAsync(new GrantExclusionRequest
        {
            Name = requested.Name, EndDate = Day(2020, 9, 12), Allowance = allowance,
        }).ResponseAsync);
        return (error, await measures.GetExclusionAsync(new GetExclusionRequest { Name = requested.Name }));
    }

    /// <summary>The request granted for the year from 2019-09-13, with <paramref name="granted"/> as its allowance when given, else the one asked.</summary>
    private async Task<Exclusion> GrantAsync(string code, string importer, Allowance allowance, Allowance? granted = null) =>
        await measures.GrantExclusionAsync(new GrantExclusionRequest
        {
            Name = (await RequestAsync(code, importer, allowance)).Name, StartDate = Day(2019, 9, 13), EndDate = Day(2020, 9, 12), Allowance = granted,
        });

    /// <summary>Files the entry as its importer of record: with a token of the line's importer, or of the fixture's caller when it names none.</summary>
    private Task<FileEntryResponse> FileAsync(string importingCountry, Google.Type.Date entered, QuoteLine line, string requestId = "") =>
        (line.Importer.Length == 0 ? client : ImporterClient(line.Importer))
            .FileEntryAsync(new FileEntryRequest { ImportingCountry = importingCountry, EntryDate = entered, Lines = { line }, RequestId = requestId }).ResponseAsync;

    private TariffService.TariffServiceClient ImporterClient(string organisation) =>
        new(fixture.Host.ChannelAs(TradeGrpc.Testing.TestAuthority.Token($"clerk@{organisation}", ["importer"], organisation)));

    private static DutyComponent Retaliation(LineQuote line) => Assert.Single(line.Components, c => c.Measure == "measures/cn-retaliation");

    [Fact]
    public async Task FileEntry_ForAnotherImportersExclusion_IsPermissionDeniedAndUsesNothingUp()
    {
        var importer = Unique("soy");
        await GrantAsync("1201.90", importer, Tonnes(100));
        var line = CnLine("1201.90", 24_000, 60, importer);

        // A firm that is not the importer the exclusion was granted to tries to use it up.
        var error = await Assert.ThrowsAsync<RpcException>(() => ImporterClient(Unique("rival"))
            .FileEntryAsync(new FileEntryRequest { ImportingCountry = "CN", EntryDate = October15, Lines = { line } }).ResponseAsync);
        var quote = await client.QuoteDutyAsync(Entry("CN", October15, line));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains(importer, error.Status.Detail, StringComparison.Ordinal);
        // All 100 t are still there to draw on: the 60 t owe the 3% base only, $720 of $24,000.
        Assert.Equal(720m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task FileEntry_SoybeansBeyondWhatIsLeftOfAnAllowance_OweTheDutyOnThePartBeyondIt()
    {
        var importer = Unique("soy");
        var exclusion = await GrantAsync("1201.90", importer, Tonnes(100));

        // 60 t of 100 at $400 a tonne: all within, so only the 3% base of $24,000 = $720.
        var first = await FileAsync("CN", October15, CnLine("1201.90", 24_000, 60, importer));
        var quoted = await client.QuoteDutyAsync(Entry("CN", October15, CnLine("1201.90", 20_000, 50, importer)));
        var second = await FileAsync("CN", October15, CnLine("1201.90", 20_000, 50, importer));
        var after = await client.QuoteDutyAsync(Entry("CN", October15, CnLine("1201.90", 400, 1, importer)));

        Assert.Equal(720m, first.TotalDuty.Dollars());
        // 40 t are left: 10 of the 50 t are beyond, a fifth of $20,000 = $4,000, owing 30% = $1,200 (25% of the
        // retaliation of 2018, $1,000, and 5% of China's tranche of 2019-09-01, $200, which the exclusion lifts
        // with it, drawing on the allowance once); the 3% base is $600.
        Assert.Equal(1_800m, quoted.TotalDuty.Dollars());
        Assert.Equal(1_000m, Retaliation(quoted.Lines[0]).Amount.Dollars());
        Assert.Equal(200m, Assert.Single(quoted.Lines[0].Components, c => c.Measure == "measures/cn-retaliation-2019-09-5").Amount.Dollars());
        var draw = Retaliation(quoted.Lines[0]).Allowance;
        Assert.Equal((exclusion.Name, Tonnes(40), Tonnes(40), Tonnes(10)), (draw.Source, draw.Remaining, draw.Drawn, draw.Beyond));
        Assert.Equal([exclusion.Name], quoted.Lines[0].ExclusionsApplied);
        Assert.Equal(quoted.Lines, second.Lines);
        // Nothing left: 30% + 3% of $400.
        Assert.Equal(132m, after.TotalDuty.Dollars());
        Assert.Equal(Tonnes(100), (await measures.GetExclusionAsync(new GetExclusionRequest { Name = exclusion.Name })).AllowanceUsed);
    }

    [Fact]
    public async Task FileEntry_FirstExclusionUsedUpAndASecondWithSomeLeft_DrawsOnTheSecond()
    {
        var importer = Unique("soy");
        var first = await GrantAsync("1201.90", importer, Tonnes(100));
        var second = await GrantAsync("1201.90", importer, Tonnes(30));

        // The first exclusion, requested first, takes all 100 t; the second entry finds it used up and draws on the second.
        await FileAsync("CN", October15, CnLine("1201.90", 40_000, 100, importer));
        var filed = await FileAsync("CN", October15, CnLine("1201.90", 20_000, 50, importer));

        // The second's 30 t are excluded; 20 t of 50 ($8,000 of $20,000) owe 30% = $2,400, and the 3% base is $600.
        Assert.Equal(3_000m, filed.TotalDuty.Dollars());
        var draw = Retaliation(filed.Lines[0]).Allowance;
        Assert.Equal((second.Name, Tonnes(30), Tonnes(30), Tonnes(20)), (draw.Source, draw.Remaining, draw.Drawn, draw.Beyond));
        Assert.Equal(Tonnes(100), (await measures.GetExclusionAsync(new GetExclusionRequest { Name = first.Name })).AllowanceUsed);
        Assert.Equal(Tonnes(30), (await measures.GetExclusionAsync(new GetExclusionRequest { Name = second.Name })).AllowanceUsed);
    }

    [Fact]
    public async Task FileEntry_RetriedWithItsRequestId_UsesUpTheAllowanceOnce()
    {
        var importer = Unique("soy");
        var exclusion = await GrantAsync("1201.90", importer, Tonnes(100));
        var requestId = Guid.NewGuid().ToString();

        var first = await FileAsync("CN", October15, CnLine("1201.90", 24_000, 60, importer), requestId);
        var retry = await FileAsync("CN", October15, CnLine("1201.90", 24_000, 60, importer), requestId);

        Assert.Equal(first, retry);
        Assert.Equal(Tonnes(60), (await measures.GetExclusionAsync(new GetExclusionRequest { Name = exclusion.Name })).AllowanceUsed);
    }

    [Fact]
    public async Task FileEntry_WithAnotherOrganisationsRequestId_IsNotFoundAsItsEntryIs()
    {
        var filer = ImporterClient(Unique("soy"));
        var rival = ImporterClient(Unique("rival"));
        // Word for word what the filer sent, its request_id too: the lines name no importer, so either may file them.
        var request = new FileEntryRequest
        {
            ImportingCountry = "CN", EntryDate = October15, Lines = { CnLine("1201.90", 4_000, 10, "") }, RequestId = Guid.NewGuid().ToString(),
        };

        var filed = await filer.FileEntryAsync(request);
        var error = await Assert.ThrowsAsync<RpcException>(() => rival.FileEntryAsync(request).ResponseAsync);
        var retried = await filer.FileEntryAsync(request);

        // The rival learns no more of the filer's entry than GetEntry would tell it.
        Assert.Equal((StatusCode.NotFound, "ENTRY_NOT_FOUND"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(filed, retried);
    }

    [Fact]
    public async Task GrantExclusion_WithLessThanTheAllowanceRequested_LimitsEntriesToWhatWasGranted()
    {
        var importer = Unique("soy");
        var granted = await GrantAsync("1201.90", importer, Tonnes(100), granted: Tonnes(40));
        var quote = await client.QuoteDutyAsync(Entry("CN", October15, CnLine("1201.90", 20_000, 50, importer)));

        Assert.Equal(Tonnes(40), granted.Allowance);
        // 40 of the 50 t within what was granted: 10 t, a fifth of $20,000, owe 25% + 5% = $1,200; the 3% base is $600.
        Assert.Equal(1_800m, quote.TotalDuty.Dollars());
        Assert.Equal(Tonnes(10), Retaliation(quote.Lines[0]).Allowance.Beyond);
    }

    [Fact]
    public async Task GrantExclusion_WithAnEmptyAllowance_IsInvalidAndLeavesTheRequestPending()
    {
        var importer = Unique("soy");
        var requested = await RequestAsync("1201.90", importer, null);

        var (error, kept) = await RefusedGrantAsync(requested, Tonnes(0));

        Assert.Equal((StatusCode.InvalidArgument, "ALLOWANCE_EMPTY"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal("allowance", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal(ExclusionState.Pending, kept.State);
    }

    [Fact]
    public async Task GrantExclusion_WithMoreThanTheAllowanceRequested_IsInvalidAndLeavesTheRequestPending()
    {
        var importer = Unique("soy");
        var requested = await RequestAsync("1201.90", importer, Tonnes(100));

        var errors = new List<RpcException>();
        var kept = requested;
        // 500 t, and 100,001 kg: a tonne is 1,000 kg, so a kilogram more than the 100 t asked.
        foreach (var granted in new[] { Tonnes(500), Kilograms(100_001) })
        {
            (var error, kept) = await RefusedGrantAsync(requested, granted);
            errors.Add(error);
        }

        Assert.All(errors, error =>
        {
            Assert.Equal((StatusCode.InvalidArgument, "ALLOWANCE_EXCEEDS_REQUEST"), (error.StatusCode, error.GetErrorInfo()?.Reason));
            Assert.Equal("allowance", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        });
        Assert.Equal((ExclusionState.Pending, Tonnes(100)), (kept.State, kept.Allowance));
    }

    [Fact]
    public async Task GrantExclusion_WithAnAllowanceInAnotherUnitThanRequested_IsInvalidAndLeavesTheRequestPending()
    {
        var importer = Unique("soy");
        var requested = await RequestAsync("1201.90", importer, Tonnes(100));

        // Dollars of customs value for tonnes asked: no rate turns the one into the other.
        var (error, kept) = await RefusedGrantAsync(requested, new Allowance { Value = Usd(30_000) });

        Assert.Equal((StatusCode.InvalidArgument, "ALLOWANCE_UNIT_MISMATCH"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal("allowance", Assert.Single(error.GetBadRequest()!.FieldViolations).Field);
        Assert.Equal((ExclusionState.Pending, Tonnes(100)), (kept.State, kept.Allowance));
    }

    [Fact]
    public async Task GrantExclusion_WithTheTonnesRequestedInKilograms_IsGrantedAndEntriesDrawOnItInKilograms()
    {
        var importer = Unique("soy");
        // The 100 t asked, no more: granting what was asked is as granting without an allowance.
        var granted = await GrantAsync("1201.90", importer, Tonnes(100), granted: Kilograms(100_000));

        var quote = await client.QuoteDutyAsync(Entry("CN", October15, CnLine("1201.90", 20_000, 50, importer)));

        Assert.Equal((ExclusionState.Granted, Kilograms(100_000)), (granted.State, granted.Allowance));
        // The 50 t line is 50,000 kg, all within: only the 3% base of $20,000.
        Assert.Equal(600m, quote.TotalDuty.Dollars());
        Assert.Equal((Kilograms(50_000), Kilograms(0)), (Retaliation(quote.Lines[0]).Allowance.Drawn, Retaliation(quote.Lines[0]).Allowance.Beyond));
    }

    [Fact]
    public async Task GetEntry_ByItsImporterAfterLaterEntries_ReturnsTheEntryAsFiled()
    {
        var importer = Unique("soy");
        await GrantAsync("1201.90", importer, Tonnes(100));
        var first = await FileAsync("CN", October15, CnLine("1201.90", 24_000, 60, importer));
        // Uses up the rest of the allowance: the first entry's draw is history all the same.
        await FileAsync("CN", October15, CnLine("1201.90", 20_000, 50, importer));

        var read = await ImporterClient(importer).GetEntryAsync(new GetEntryRequest { Name = first.Entry });

        Assert.Equal(first, read);
        // 60 t within the allowance: the 3% base of $24,000 alone.
        Assert.Equal((720m, "CN", October15), (read.TotalDuty.Dollars(), read.ImportingCountry, read.EntryDate));
        Assert.Equal(Tonnes(60), Retaliation(read.Lines[0]).Allowance.Drawn);
        Assert.NotNull(read.FileTime);
    }

    [Fact]
    public async Task GetEntry_OfAnotherOrganisationOrNone_IsNotFoundAlike()
    {
        var importer = Unique("soy");
        var filed = await FileAsync("CN", October15, CnLine("1201.90", 4_000, 10, importer));
        var rival = ImporterClient(Unique("rival"));

        var others = await Assert.ThrowsAsync<RpcException>(() => rival.GetEntryAsync(new GetEntryRequest { Name = filed.Entry }).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => rival.GetEntryAsync(new GetEntryRequest { Name = $"entries/{Guid.NewGuid():N}" }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, "ENTRY_NOT_FOUND"), (others.StatusCode, others.GetErrorInfo()?.Reason));
        Assert.Equal((StatusCode.NotFound, "ENTRY_NOT_FOUND"), (none.StatusCode, none.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task QuoteDuty_LubricantsBeyondAValueAllowance_OweTheDutyOnTheValueBeyondIt()
    {
        var importer = Unique("oil");
        await GrantAsync("271019", importer, new Allowance { Value = Usd(30_000) });
        // Before 2019-09-17, when China's first exclusion list took lubricants out for every importer.
        var entered = Day(2019, 9, 15);

        var quote = await client.QuoteDutyAsync(Entry("CN", entered, CnLine("2710.19", 40_000, 50, importer)));
        var otherImporter = await client.QuoteDutyAsync(Entry("CN", entered, CnLine("2710.19", 40_000, 50, Unique("oil"))));

        // $30,000 of $40,000 is within: 25% of the $10,000 beyond = $2,500, and the 9% base of $40,000 = $3,600.
        Assert.Equal(6_100m, quote.TotalDuty.Dollars());
        Assert.Equal(new Allowance { Value = Usd(10_000) }, Retaliation(quote.Lines[0]).Allowance.Beyond);
        // The exclusion is not the other importer's: 9% + 25% of $40,000.
        Assert.Equal(13_600m, otherImporter.TotalDuty.Dollars());
    }

    [Fact]
    public async Task QuoteDuty_LubricantsOnChinasFirstExclusionList_AreExcludedFromTheListsOwnStartDate()
    {
        var before = await client.QuoteDutyAsync(Entry("CN", Day(2019, 9, 16), Line("2710.19", "US", 10_000)));
        var from = await client.QuoteDutyAsync(Entry("CN", Day(2019, 9, 17), Line("2710.19", "US", 10_000)));

        // The retaliation on 2710.19 started 2018-08-23, the exclusion 2019-09-17: before it 9% + 25% of $10,000, from it the 9% base only.
        Assert.Equal((3_400m, 900m), (before.TotalDuty.Dollars(), from.TotalDuty.Dollars()));
        Assert.Equal(["exclusions/cn-list1-lubricants"], from.Lines[0].ExclusionsApplied);
    }

    [Fact]
    public async Task QuoteDuty_SoybeansOfTheSampleMarketBasedExclusionsImporter_OweOnlyTheBaseAndSayWhatIsLeft()
    {
        var sample = await measures.GetExclusionAsync(new GetExclusionRequest { Name = "exclusions/cn-market-soybeans-example" });

        var quote = await client.QuoteDutyAsync(Entry("CN", October15, CnLine("1201.90", 400_000, 1_000, sample.Importer)));

        // 1,000 t of the 100,000 t allowance: only the 3% base of $400,000.
        Assert.Equal(("example-grain-importing", Tonnes(100_000), ExclusionState.Granted), (sample.Importer, sample.Allowance, sample.State));
        Assert.Equal(12_000m, quote.TotalDuty.Dollars());
        Assert.Equal(Tonnes(100_000), Retaliation(quote.Lines[0]).Allowance.Remaining);
    }

    /// <summary>A measure of Korean steel under an absolute quota of 100 t a quarter of <paramref name="year"/> (see <see cref="QuotaMeasures"/>).</summary>
    private Task<string> QuotaMeasureAsync(int year) => QuotaMeasures.CreateAsync(measures, year);

    private static QuoteLine KoreanSteel(decimal tonnes) => Line("7210.49.00", "KR", 10_000, ("T", tonnes));

    [Fact]
    public async Task FileEntry_BeyondAFilledAbsoluteQuota_IsFailedPreconditionNamingTheQuotaUntilTheNextPeriod()
    {
        var measure = await QuotaMeasureAsync(2021);
        var quota = $"{measure}/quotas/KR/2021-01-01";

        var within = await FileAsync("US", Day(2021, 2, 1), KoreanSteel(80));
        var error = await Assert.ThrowsAsync<RpcException>(() => FileAsync("US", Day(2021, 3, 1), KoreanSteel(30)));
        var quotedRest = await client.QuoteDutyAsync(Entry("US", Day(2021, 3, 1), KoreanSteel(20)));
        var nextQuarter = await FileAsync("US", Day(2021, 4, 1), KoreanSteel(30));

        // Within the quota the measure owes nothing (the general rate is free, and Section 232 steel counts Korea's quota without a quantity).
        Assert.Equal(0m, within.TotalDuty.Dollars());
        var counted = Assert.Single(within.Lines[0].Components, c => c.Measure == measure);
        Assert.Equal((quota, Tonnes(100), Tonnes(80)), (counted.Allowance.Source, counted.Allowance.Remaining, counted.Allowance.Drawn));
        Assert.Equal((StatusCode.FailedPrecondition, "QUOTA_FILLED"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(("QUOTA", quota), (Assert.Single(error.GetPreconditionFailure()!.Violations).Type, error.GetPreconditionFailure()!.Violations[0].Subject));
        Assert.Equal("20", error.GetErrorInfo()!.Metadata["remaining"]);
        Assert.Equal(Tonnes(20), Assert.Single(quotedRest.Lines[0].Components, c => c.Measure == measure).Allowance.Remaining);
        Assert.Equal(Tonnes(100), Assert.Single(nextQuarter.Lines[0].Components, c => c.Measure == measure).Allowance.Remaining);
    }

    [Fact]
    public async Task FileEntry_SteelBeyondAnExclusionsAllowance_CountsThePartBeyondAgainstTheQuota()
    {
        var measure = await QuotaMeasureAsync(2023);
        var quota = $"{measure}/quotas/KR/2023-01-01";
        var importer = Unique("steel");
        var exclusion = await QuotaMeasures.GrantExclusionAsync(measures, measure, 2023, 10, importer);

        // Another importer's 95 t leave 5 t of the quarter's 100 t.
        await FileAsync("US", Day(2023, 2, 1), KoreanSteel(95));
        var filed = await FileAsync("US", Day(2023, 2, 2), new QuoteLine(KoreanSteel(15)) { Importer = importer });
        var error = await Assert.ThrowsAsync<RpcException>(() => FileAsync("US", Day(2023, 2, 3), new QuoteLine(KoreanSteel(1)) { Importer = importer }));

        // The exclusion covers 10 of the 15 t, which count against no quota; the 5 t beyond it take the last 5 t of the quota.
        Assert.Equal(0m, filed.TotalDuty.Dollars());
        var component = Assert.Single(filed.Lines[0].Components, c => c.Measure == measure);
        Assert.Equal((exclusion.Name, Tonnes(10), Tonnes(10), Tonnes(5)),
            (component.Allowance.Source, component.Allowance.Remaining, component.Allowance.Drawn, component.Allowance.Beyond));
        Assert.Equal((quota, Tonnes(5), Tonnes(5), Tonnes(0)),
            (component.QuotaDraw.Source, component.QuotaDraw.Remaining, component.QuotaDraw.Drawn, component.QuotaDraw.Beyond));
        // The exclusion is used up and the quota filled: one more tonne goes beyond both.
        Assert.Equal((StatusCode.FailedPrecondition, "QUOTA_FILLED", "0"), (error.StatusCode, error.GetErrorInfo()?.Reason, error.GetErrorInfo()?.Metadata["remaining"]));
    }

    [Fact]
    public async Task FileEntry_TwoEntriesRacingForTheLastOfEachQuarterlyQuota_OnlyOnePassesInEach()
    {
        var measure = await QuotaMeasureAsync(2022);
        var quarters = new[] { Day(2022, 2, 1), Day(2022, 5, 1), Day(2022, 8, 1), Day(2022, 11, 1) };

        // Two 60 t entries for each quarter's 100 t, all at once: in each quarter one fits, the other would go beyond.
        var outcomes = await Task.WhenAll(quarters.SelectMany(q => new[] { q, q }).Select(async entered =>
        {
            try
            {
                await FileAsync("US", entered, KoreanSteel(60));
                return (entered, StatusCode.OK);
            }
            catch (RpcException ex)
            {
                return (entered, ex.StatusCode);
            }
        }));

        Assert.All(quarters, q => Assert.Equal([StatusCode.OK, StatusCode.FailedPrecondition], outcomes.Where(o => o.entered == q).Select(o => o.Item2).Order()));
        foreach (var quarter in quarters)
        {
            var quote = await client.QuoteDutyAsync(Entry("US", quarter, KoreanSteel(1)));
            Assert.Equal(Tonnes(40), Assert.Single(quote.Lines[0].Components, c => c.Measure == measure).Allowance.Remaining);
        }
    }
}
