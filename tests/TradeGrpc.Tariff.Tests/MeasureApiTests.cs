using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Measures created here cover horses of Mexico (0101.21.00), which no bundled measure touches.</summary>
public sealed class MeasureApiTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private static CreateMeasureRequest HorseTariff(string id, string requestId = "") => new()
    {
        MeasureId = id,
        RequestId = requestId,
        Measure = new Measure
        {
            Title = "Tariff on Mexican horses",
            LegalBasis = LegalBasis.Section232,
            ImportingCountry = "US",
            OriginCountries = { "MX" },
            Heading = "9903.99.01",
            Scope = { new ProductScope { Code = "01012100" } },
            Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
        },
    };

    private async Task<decimal> HorseDutyAsync(Google.Type.Date entryDate) =>
        (await client.QuoteDutyAsync(Entry("US", entryDate, Line("0101.21.00", "MX", 10_000)))).TotalDuty.Dollars();

    [Fact]
    public async Task CreateMeasure_ThenQuote_ChargesTheNewDutyFromItsFirstPhase()
    {
        var quotedBefore = await HorseDutyAsync(Day(2019, 1, 1));
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-create"));

        Assert.Equal(0m, quotedBefore);
        Assert.Equal("measures/horses-create", created.Name);
        Assert.Equal(MeasureState.InEffect, created.State);
        Assert.Equal(0m, await HorseDutyAsync(Day(2018, 12, 31)));
        Assert.Equal(500m, await HorseDutyAsync(Day(2019, 1, 1)));
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });
    }

    [Fact]
    public async Task CreateMeasure_SameIdTwice_IsAlreadyExists()
    {
        await measures.CreateMeasureAsync(HorseTariff("horses-twice"));

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.CreateMeasureAsync(HorseTariff("horses-twice")).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("MEASURE_EXISTS", error.GetErrorInfo()?.Reason);
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/horses-twice" });
    }

    [Fact]
    public async Task CreateMeasure_RetriedWithItsRequestId_ReturnsTheFirstResult()
    {
        var requestId = Guid.NewGuid().ToString();

        var first = await measures.CreateMeasureAsync(HorseTariff("horses-retry", requestId));
        var retry = await measures.CreateMeasureAsync(HorseTariff("horses-retry", requestId));

        Assert.Equal(first, retry);
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = first.Name });
    }

    [Fact]
    public async Task ScheduleRatePhase_FutureRise_AppliesFromItsDateOnlyAndOnceForARetry()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-phase"));
        var request = new ScheduleRatePhaseRequest
        {
            Name = created.Name,
            RequestId = Guid.NewGuid().ToString(),
            Phase = new RatePhase { EffectiveDate = Day(2030, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "30" } },
        };

        var scheduled = await measures.ScheduleRatePhaseAsync(request);
        var retried = await measures.ScheduleRatePhaseAsync(request);

        Assert.Equal(scheduled.Etag, retried.Etag);
        Assert.Equal(["5", "30"], scheduled.Phases.Select(p => p.AdValoremPercent.Value));
        Assert.Equal(500m, await HorseDutyAsync(Day(2029, 12, 31)));
        Assert.Equal(3000m, await HorseDutyAsync(Day(2030, 1, 1)));
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });
    }

    [Fact]
    public async Task UpdateMeasure_WithStaleEtag_IsAbortedAndWithCurrentEtagUpdates()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-update"));
        var update = new UpdateMeasureRequest
        {
            Measure = new Measure { Name = created.Name, Title = "Horse tariff, renamed", Etag = created.Etag },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "title" } },
        };
        var updated = await measures.UpdateMeasureAsync(update);

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.UpdateMeasureAsync(update).ResponseAsync);

        Assert.Equal("Horse tariff, renamed", updated.Title);
        Assert.Equal(created.Heading, updated.Heading);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("ETAG_MISMATCH", error.GetErrorInfo()?.Reason);
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });
    }

    [Fact]
    public async Task UpdateMeasure_MaskNamingAnOutputField_IsInvalidArgumentOnTheMask()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => measures.UpdateMeasureAsync(new UpdateMeasureRequest
        {
            Measure = new Measure { Name = "measures/us-301-list-1" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "state" } },
        }).ResponseAsync);

        Assert.Equal(["update_mask"], error.GetInvalidFields());
    }

    [Fact]
    public async Task SuspendAndSchedule_ChangesTheMeasureHoldsAlready_SucceedWithoutANewVersion()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-again"));
        var suspended = await measures.SuspendMeasureAsync(new SuspendMeasureRequest { Name = created.Name, EffectiveDate = Day(2019, 6, 1) });

        // A concession carried out on a measure that holds it (history, or a delivery repeated under a new request_id).
        var suspendedAgain = await measures.SuspendMeasureAsync(new SuspendMeasureRequest { Name = created.Name, EffectiveDate = Day(2019, 6, 1) });
        var scheduledAgain = await measures.ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
        {
            Name = created.Name, Phase = new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } },
        });

        Assert.Equal((suspended.Etag, suspended.Etag), (suspendedAgain.Etag, scheduledAgain.Etag));
        Assert.Equal(MeasureState.Suspended, scheduledAgain.State);
    }

    [Fact]
    public async Task SuspendMeasure_Twice_IsFailedPreconditionSayingSinceWhen()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-suspend"));
        var suspended = await measures.SuspendMeasureAsync(new SuspendMeasureRequest { Name = created.Name, EffectiveDate = Day(2019, 6, 1) });

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.SuspendMeasureAsync(
            new SuspendMeasureRequest { Name = created.Name, EffectiveDate = Day(2019, 7, 1) }).ResponseAsync);

        Assert.Equal(MeasureState.Suspended, suspended.State);
        Assert.Equal(500m, await HorseDutyAsync(Day(2019, 5, 31)));
        Assert.Equal(0m, await HorseDutyAsync(Day(2019, 6, 1)));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violation = Assert.Single(error.GetPreconditionFailure()!.Violations);
        Assert.Equal(created.Name, violation.Subject);
        Assert.Contains("2019-06-01", violation.Description, StringComparison.Ordinal);
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });
    }

    [Fact]
    public async Task WithdrawMeasure_ThenScheduleAPhase_IsFailedPrecondition()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-withdraw"));
        var withdrawn = await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
        {
            Name = created.Name,
            Phase = new RatePhase { EffectiveDate = Day(2030, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "1" } },
        }).ResponseAsync);

        Assert.Equal(MeasureState.Withdrawn, withdrawn.State);
        Assert.Equal(0m, await HorseDutyAsync(Day(2019, 6, 1)));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("MEASURE_WITHDRAWN", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task WatchMeasureChanges_ChangeMadeAfterSubscribing_IsStreamed()
    {
        using var watch = measures.WatchMeasureChanges(new WatchMeasureChangesRequest { ImportingCountry = "US" },
            deadline: DateTime.UtcNow.AddSeconds(30));
        await watch.ResponseHeadersAsync;

        await measures.CreateMeasureAsync(HorseTariff("horses-watch"));
        await measures.SuspendMeasureAsync(new SuspendMeasureRequest { Name = "measures/horses-watch", EffectiveDate = Day(2019, 6, 1) });

        var events = new List<MeasureEvent>();
        while (events.Count < 2 && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(watch.ResponseStream.Current);
        }

        Assert.Equal([(MeasureEventKind.Created, "measures/horses-watch"), (MeasureEventKind.Suspended, "measures/horses-watch")],
            events.Select(e => (e.Kind, e.Measure.Name)));
        Assert.All(events, e => Assert.Equal(("tester", "Acme Trading"), (e.Actor.Subject, e.Actor.Organisation)));
    }

    [Fact]
    public async Task ScheduleRatePhase_ByTheUstr_NamesWhoPublishedEachPhase()
    {
        var created = await measures.CreateMeasureAsync(HorseTariff("horses-published"));
        using var channel = fixture.Host.ChannelAs(TestAuthority.Token("katherine", ["ustr"], "Office of the USTR"));

        var scheduled = await new MeasureService.MeasureServiceClient(channel).ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
        {
            Name = created.Name,
            Phase = new RatePhase { EffectiveDate = Day(2031, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "10" } },
        });

        Assert.Equal(["tester", "katherine"], scheduled.Phases.Select(p => p.PublishedBy.Subject));
        await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = created.Name });
    }

    [Fact]
    public async Task ListMeasures_ByImportingCountry_FindsChinasRetaliationOnly()
    {
        var list = await measures.ListMeasuresAsync(new ListMeasuresRequest { ImportingCountry = "CN" });

        // The retaliation, its tranche of 2019-09-01 at 10% and at 5%, and the tranche announced for 2019-12-15.
        Assert.Equal(["measures/cn-retaliation", "measures/cn-retaliation-2019-09-10", "measures/cn-retaliation-2019-09-5", "measures/cn-retaliation-2019-12"],
            list.Measures.Select(m => m.Name));
        var measure = list.Measures[0];
        Assert.Empty(measure.Scope);
        Assert.True(measure.ScopeSize > 1000);
    }

    [Fact]
    public async Task GetMeasure_ListFourB_IsSuspendedFromItsFirstDayWithItsAnnexScope()
    {
        var measure = await measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4b" });

        Assert.Equal(MeasureState.Suspended, measure.State);
        Assert.Equal(Day(2019, 12, 15), measure.SuspensionDate);
        Assert.Contains(measure.Scope, s => s.Code == "84713001");
        Assert.Equal(measure.ScopeSize, measure.Scope.Count);
    }
}
