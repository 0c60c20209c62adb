using Google.Type;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>
/// Two tariff and two negotiation replicas on one PostgreSQL and one Redis. The tests share the
/// topology and run one at a time; each works on its own negotiation or measure.
/// </summary>
public sealed class ScaleOutTests(ScaleOut topology) : IClassFixture<ScaleOut>
{
    private static readonly Date July2019 = new() { Year = 2019, Month = 7, Day = 1 };

    private NegotiationService.NegotiationServiceClient Negotiation1 => new(topology.Negotiation1.Channel);

    private NegotiationService.NegotiationServiceClient Negotiation2 => new(topology.Negotiation2.Channel);

    private TariffService.TariffServiceClient Tariff1 => new(topology.Tariff1.Channel);

    private TariffService.TariffServiceClient Tariff2 => new(topology.Tariff2.Channel);

    private MeasureService.MeasureServiceClient Measures1 => new(topology.Tariff1.Channel);

    private MeasureService.MeasureServiceClient Measures2 => new(topology.Tariff2.Channel);

    private static QuoteLine Line(string code, string origin) =>
        new() { HtsCode = code, OriginCountry = origin, CustomsValue = new Money { CurrencyCode = "USD", Units = 10_000 } };

    private static QuoteDutyRequest Quote(QuoteLine line) => new() { ImportingCountry = "US", EntryDate = July2019, Lines = { line } };

    private static async Task<V1.Negotiation> CreateAsync(NegotiationService.NegotiationServiceClient client) =>
        await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });

    private static SetDelegationRequest UsDelegation(string negotiation, string lead) => new()
    {
        Negotiation = negotiation,
        Delegation = new Delegation { Party = "US", Members = { new DelegationMember { Name = lead, Lead = true } } },
    };

    private static string LeadOf(V1.Negotiation negotiation) => negotiation.Delegations.Single(d => d.Party == "US").Members[0].Name;

    /// <summary>
    /// Waits until the <paramref name="calls"/> running in the background have made
    /// <paramref name="more"/> more, or have stopped (a failed call ends them); how many they made.
    /// </summary>
    private static async Task<int> CallsMadeAsync(Task calls, Func<int> completed, int more)
    {
        var from = completed();
        return await Eventually.PollAsync(() => Task.FromResult(completed()), now => now >= from + more || calls.IsCompleted, TimeSpan.FromSeconds(30)) - from;
    }

    [Fact]
    public async Task NegotiationWrittenThroughOneReplica_IsReadThroughTheOtherAtOnce()
    {
        var talks = await CreateAsync(Negotiation1);
        var cached = await Negotiation2.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });
        await Negotiation2.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        await Negotiation1.SetDelegationAsync(UsDelegation(talks.Name, "Robert Lighthizer"));
        var read = await Negotiation2.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        Assert.Empty(cached.Delegations);
        Assert.Equal("Robert Lighthizer", LeadOf(read));
    }

    [Fact]
    public async Task WatchOnOneNegotiationReplica_SeesAChangeMadeThroughTheOther()
    {
        var talks = await CreateAsync(Negotiation1);
        using var watch = Negotiation2.WatchNegotiation(new WatchNegotiationRequest { Name = talks.Name }, deadline: System.DateTime.UtcNow.AddSeconds(30));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await Negotiation1.SetDelegationAsync(UsDelegation(talks.Name, "Robert Lighthizer"));

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(EventKind.DelegationSet, watch.ResponseStream.Current.Kind);
    }

    [Fact]
    public async Task MeasureChangedThroughOneTariffReplica_ChangesQuotesAndDealImpactsOnEveryReplica()
    {
        var steel = Line("7208.10.15", "JP");
        var talks = await CreateAsync(Negotiation1);
        var impact = new GetDealImpactRequest { Name = talks.Name, ImportingCountry = "US", EntryDate = July2019, Lines = { steel } };
        using var watch = Measures2.WatchMeasureChanges(new WatchMeasureChangesRequest(), deadline: System.DateTime.UtcNow.AddSeconds(30));
        await watch.ResponseHeadersAsync;
        var before = new[]
        {
            (await Tariff1.QuoteDutyAsync(Quote(steel))).TotalDuty.Units,
            (await Tariff2.QuoteDutyAsync(Quote(steel))).TotalDuty.Units,
            (await Negotiation1.GetDealImpactAsync(impact)).DutyBefore.Units,
            (await Negotiation2.GetDealImpactAsync(impact)).DutyBefore.Units,
        };

        await Measures1.SuspendMeasureAsync(new SuspendMeasureRequest { Name = "measures/us-232-steel", EffectiveDate = new Date { Year = 2019, Month = 6, Day = 1 } });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        var after = new[]
        {
            (await Tariff1.QuoteDutyAsync(Quote(steel))).TotalDuty.Units,
            (await Tariff2.QuoteDutyAsync(Quote(steel))).TotalDuty.Units,
            (await Negotiation1.GetDealImpactAsync(impact)).DutyBefore.Units,
            (await Negotiation2.GetDealImpactAsync(impact)).DutyBefore.Units,
        };

        Assert.Equal("measures/us-232-steel", watch.ResponseStream.Current.Measure.Name);
        Assert.Equal([2500L, 2500L, 2500L, 2500L], before);
        Assert.Equal([0L, 0L, 0L, 0L], after);
    }

    [Fact]
    public async Task RedisKilledDuringAStreamOfCalls_NoCallFailsAnswersStayRightAndRedisHitsResume()
    {
        var talks = await CreateAsync(Negotiation1);
        var furniture = Quote(Line("9403.60.80", "CN"));
        var expectedDuty = (await Tariff1.QuoteDutyAsync(furniture)).TotalDuty.Units;
        var round = 0;
        var hitBefore = await Eventually.PollAsync(() => CrossReplicaCache.ReaderHitsRedisAsync(topology.Negotiation1, topology.Negotiation2, talks.Name, $"Before {round++}"), hit => hit, TimeSpan.FromSeconds(10));
        using var stop = new CancellationTokenSource();
        var wrong = new List<string>();
        var completed = 0;
        var calls = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i = Interlocked.Increment(ref completed))
            {
                var (writer, reader) = i % 2 == 0 ? (Negotiation1, Negotiation2) : (Negotiation2, Negotiation1);
                var deadline = System.DateTime.UtcNow.AddSeconds(5);
                await writer.SetDelegationAsync(UsDelegation(talks.Name, $"Lead {i}"), deadline: deadline);
                var read = await reader.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name }, deadline: deadline);
                var quote = await (i % 2 == 0 ? Tariff1 : Tariff2).QuoteDutyAsync(furniture, deadline: deadline);
                if (LeadOf(read) != $"Lead {i}" || quote.TotalDuty.Units != expectedDuty)
                {
                    wrong.Add($"call {i}: read {LeadOf(read)}, duty {quote.TotalDuty.Units}");
                }
            }
        });

        int duringOutage;
        bool hitWhileAway;
        try
        {
            await CallsMadeAsync(calls, () => Volatile.Read(ref completed), 5);
            await topology.Redis.StopAsync();
            duringOutage = await CallsMadeAsync(calls, () => Volatile.Read(ref completed), 10);
            await stop.CancelAsync();
            await calls;
            hitWhileAway = await CrossReplicaCache.ReaderHitsRedisAsync(topology.Negotiation1, topology.Negotiation2, talks.Name, "Away");
        }
        finally
        {
            // The other tests share this Redis.
            await stop.CancelAsync();
            await topology.Redis.StartAgainAsync();
        }

        var hitAfter = await Eventually.PollAsync(() => CrossReplicaCache.ReaderHitsRedisAsync(topology.Negotiation1, topology.Negotiation2, talks.Name, $"After {round++}"), hit => hit, TimeSpan.FromSeconds(10));

        Assert.Empty(wrong);
        Assert.True(duringOutage >= 10);
        Assert.Equal((true, false, true), (hitBefore, hitWhileAway, hitAfter));
    }

    [Fact]
    public async Task OneTariffReplicaStoppedDuringDealImpactCalls_TheCallsGoOnThroughTheOther()
    {
        var talks = await CreateAsync(Negotiation1);
        var impact = new GetDealImpactRequest { Name = talks.Name, ImportingCountry = "US", EntryDate = July2019, Lines = { Line("9403.60.80", "CN") } };
        var expected = (await Negotiation1.GetDealImpactAsync(impact)).DutyBefore.Units;
        using var stop = new CancellationTokenSource();
        var duties = new List<long>();
        var completed = 0;
        var calls = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                duties.Add((await Negotiation1.GetDealImpactAsync(impact)).DutyBefore.Units);
                Interlocked.Increment(ref completed);
            }
        });

        int afterStop;
        try
        {
            await CallsMadeAsync(calls, () => Volatile.Read(ref completed), 5);
            await topology.Tariff1.StopAsync();
            afterStop = await CallsMadeAsync(calls, () => Volatile.Read(ref completed), 10);
            await stop.CancelAsync();
            await calls;
        }
        finally
        {
            // The other tests share this replica.
            await stop.CancelAsync();
            await topology.Tariff1.StartAsync();
        }

        Assert.True(afterStop >= 10);
        Assert.All(duties, duty => Assert.Equal(expected, duty));
    }

    [Fact]
    public async Task ConcessionImplementedWithBothNegotiationReplicasRelaying_ChangesTheMeasureOnce()
    {
        var talks = await CreateAsync(Negotiation1);
        var concession = await Negotiation1.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name,
            InitialState = CommitmentState.Official,
            Commitment = new Commitment
            {
                Party = "US",
                Kind = CommitmentKind.TariffConcession,
                Concession = new TariffConcession { Measure = "measures/us-301-list-2", Action = ConcessionAction.Suspend, EffectiveDate = new Date { Year = 2020, Month = 1, Day = 1 } },
            },
        });

        await Negotiation2.ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name });
        var delivered = await Eventually.PollAsync(
            async () => (await Negotiation1.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = talks.Name })).Commitments[0],
            c => c.Delivery.State == DeliveryState.Delivered, TimeSpan.FromSeconds(20));
        // Carried out through either tariff replica; the other hears of it over Redis.
        var measure = await Eventually.PollAsync(
            () => Measures2.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-2", View = MeasureView.Basic }).ResponseAsync,
            m => m.Etag != "\"1\"", TimeSpan.FromSeconds(5));

        Assert.Equal((DeliveryState.Delivered, 1), (delivered.Delivery.State, delivered.Delivery.Attempts));
        Assert.Equal("\"2\"", measure.Etag);
    }
}
