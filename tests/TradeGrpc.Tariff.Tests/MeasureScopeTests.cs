using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Client;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>
/// How much of the schedule one measure may index. The bundled schedule (USITC 2017) has 12,734
/// distinct 8-digit codes, so a range from 0100 to 9999 spans all of them: three such entries
/// index 38,202 codes, four 50,936, past the 50,000 a measure may. Each test's measure is on goods
/// of its own uninhabited origin, so that none changes another's quotes.
/// </summary>
public sealed class MeasureScopeTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private static CreateMeasureRequest WholeSchedule(string id, int times, string origin = "AQ") => new()
    {
        MeasureId = id,
        Measure = new Measure
        {
            Title = $"Everything from {origin}, {times} times over",
            LegalBasis = LegalBasis.Section232,
            ImportingCountry = "US",
            OriginCountries = { origin },
            Scope = { Enumerable.Repeat(new ProductScope { Code = "0100", CodeThrough = "9999" }, times) },
            Phases = { new RatePhase { EffectiveDate = Day(2019, 1, 1), AdValoremPercent = new Google.Type.Decimal { Value = "5" } } },
        },
    };

    private static ScopeEntry[] WholeScheduleTimes(int times) => [.. Enumerable.Repeat(new ScopeEntry("0100", "9999"), times)];

    [Fact]
    public async Task CreateMeasure_ScopeSpanningTheScheduleFourTimes_IsScopeTooLargeAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => measures.CreateMeasureAsync(WholeSchedule("antarctica-four-times", 4)).ResponseAsync);
        var lookup = await Assert.ThrowsAsync<RpcException>(() => measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/antarctica-four-times" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("SCOPE_TOO_LARGE", error.GetErrorInfo()?.Reason);
        Assert.Equal(["measure.scope"], error.GetInvalidFields());
        Assert.Contains("50,936 codes", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task CreateMeasure_ScopeSpanningTheScheduleThreeTimes_IsIndexedAndQuoted()
    {
        await measures.CreateMeasureAsync(WholeSchedule("antarctica-three-times", 3));

        var quote = await fixture.Client.QuoteDutyAsync(Entry("US", Day(2019, 7, 1), Line("9403.60.80", "AQ", 10_000)));

        // The furniture's own 0% MFN rate and 5% of 10,000 dollars for the measure, once however often the scope names the code.
        Assert.Equal(["measures/antarctica-three-times"], quote.Lines[0].Components.Where(c => c.Measure.Length > 0).Select(c => c.Measure));
        Assert.Equal(500m, quote.TotalDuty.Dollars());
    }

    [Fact]
    public async Task UpdateMeasure_ScopeWidenedPastTheCap_IsScopeTooLargeAndKeepsTheOldScope()
    {
        var created = await measures.CreateMeasureAsync(WholeSchedule("bouvet-widened", 1, "BV"));
        var update = new UpdateMeasureRequest
        {
            Measure = new Measure { Name = created.Name, Scope = { WholeSchedule("unused", 4).Measure.Scope } },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "scope" } },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.UpdateMeasureAsync(update).ResponseAsync);
        var kept = await measures.GetMeasureAsync(new GetMeasureRequest { Name = created.Name });

        Assert.Equal("SCOPE_TOO_LARGE", error.GetErrorInfo()?.Reason);
        Assert.Single(kept.Scope);
    }

    [Fact]
    public async Task Start_StoredMeasureTooLargeToIndex_StartsWithItSetAsideAndLetsItBeWithdrawn()
    {
        using var store = new TempDirectory();
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Storage:DataDirectory"] = store.Path });
        // As stored before the cap held: all of the schedule, five times over, on goods of every origin.
        var everything = host.Services.GetRequiredService<TariffBook>().Current.Measures.Measures["us-232-steel"] with
        {
            Id = "us-232-everything", Scope = WholeScheduleTimes(5), Version = 1,
        };
        var bookStore = host.Services.GetRequiredService<IBookStore>();
        await using (var transaction = await bookStore.BeginAsync(CancellationToken.None))
        {
            Assert.True(await transaction.InsertAsync(everything, CancellationToken.None));
            await transaction.CommitAsync(CancellationToken.None);
        }

        await host.RestartAsync();
        var client = new MeasureService.MeasureServiceClient(host.Channel);
        var quote = await new TariffService.TariffServiceClient(host.Channel).QuoteDutyAsync(Entry("US", Day(2019, 7, 1), Line("0101.21.00", "MX", 10_000)));
        var setAside = await client.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-232-everything", View = MeasureView.Basic });
        var withdrawn = await client.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/us-232-everything" });

        // Purebred breeding horses enter free (0101.21.00) and no measure of the bundled set covers them: the set-aside one adds nothing.
        Assert.DoesNotContain(quote.Lines[0].Components, c => c.Measure.Length > 0);
        Assert.Equal(0m, quote.TotalDuty.Dollars());
        Assert.Equal("measures/us-232-everything", setAside.Name);
        Assert.Equal(MeasureState.Withdrawn, withdrawn.State);
    }
}
