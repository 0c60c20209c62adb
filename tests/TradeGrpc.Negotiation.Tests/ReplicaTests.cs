using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Messaging;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Two replicas of the negotiation service on one store and one Redis; <see cref="ScaleOutTests"/> has the whole topology on PostgreSQL.</summary>
public sealed class ReplicaTests
{
    private static Dictionary<string, string> Settings(TempDirectory store, RedisServer redis) => new()
    {
        ["Storage:DataDirectory"] = store.Path,
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
    };

    private static async Task<V1.Negotiation> CreateAsync(NegotiationService.NegotiationServiceClient client) =>
        await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });

    private static SetDelegationRequest UsDelegation(string name, string lead = "Robert Lighthizer") => new()
    {
        Negotiation = name,
        Delegation = new Delegation { Party = "US", Members = { new DelegationMember { Name = lead, Lead = true } } },
    };

    [Fact]
    public async Task WithRedisAway_AWriteOnOneReplicaIsReadOnTheOtherAtOnce()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var a = await ServiceHost.StartAsync(NegotiationApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(NegotiationApp.Build, Settings(store, redis));
        var clientA = new NegotiationService.NegotiationServiceClient(a.Channel);
        var clientB = new NegotiationService.NegotiationServiceClient(b.Channel);
        var talks = await CreateAsync(clientA);
        var cached = await clientB.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });
        await clientB.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        await redis.StopAsync();
        await clientA.SetDelegationAsync(UsDelegation(talks.Name));
        var read = await clientB.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        Assert.Empty(cached.Delegations);
        Assert.Single(read.Delegations);
    }

    [Fact]
    public async Task WithRedisAway_AWatchOnOneReplicaReadsTheOthersChangesAtTheOutOfStepInterval()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(store, redis);
        // Without news from other replicas the watch would wait an hour; out of step it looks every 100 ms.
        settings["Replicas:QuietPollInterval"] = "01:00:00";
        settings["Replicas:OutOfStepPollInterval"] = "00:00:00.100";
        await using var a = await ServiceHost.StartAsync(NegotiationApp.Build, settings);
        await using var b = await ServiceHost.StartAsync(NegotiationApp.Build, settings);
        var clientA = new NegotiationService.NegotiationServiceClient(a.Channel);
        var talks = await CreateAsync(clientA);
        await redis.StopAsync();
        await Eventually.PollAsync(() => Task.FromResult(b.Services.GetRequiredService<ReplicaBus>().InStep), inStep => !inStep, TimeSpan.FromSeconds(5));
        using var watch = new NegotiationService.NegotiationServiceClient(b.Channel).WatchNegotiation(
            new WatchNegotiationRequest { Name = talks.Name }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await clientA.SetDelegationAsync(UsDelegation(talks.Name));

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(EventKind.DelegationSet, watch.ResponseStream.Current.Kind);
    }

    [Fact]
    public async Task RedisNotRunningAtStart_ReplicasServeAndShareTheCacheOnceItRuns()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        await using var a = await ServiceHost.StartAsync(NegotiationApp.Build, Settings(store, redis));
        await using var b = await ServiceHost.StartAsync(NegotiationApp.Build, Settings(store, redis));
        var talks = await CreateAsync(new NegotiationService.NegotiationServiceClient(a.Channel));
        var health = await new Health.HealthClient(b.Channel).CheckAsync(new HealthCheckRequest());
        var hitWithoutRedis = await CrossReplicaCache.ReaderHitsRedisAsync(a, b, talks.Name, "Before Redis");

        await redis.StartAgainAsync();
        var round = 0;
        var hitWithRedis = await Eventually.PollAsync(() => CrossReplicaCache.ReaderHitsRedisAsync(a, b, talks.Name, $"With Redis {round++}"), hit => hit, TimeSpan.FromSeconds(15));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal((false, true), (hitWithoutRedis, hitWithRedis));
    }

    [Fact]
    public async Task RedisHanging_WritesAndReadsAnswerFromTheStoreWithinTheirDeadline()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, Settings(store, redis));
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await CreateAsync(client);
        await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });
        var leads = new List<string>();

        await redis.PauseAsync();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                // A hanging Redis may cost a call its 0.5 s timeout, noticed at the next 0.25 s heartbeat.
                await client.SetDelegationAsync(UsDelegation(talks.Name, $"Lead {i}"), deadline: DateTime.UtcNow.AddSeconds(3));
                var read = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name }, deadline: DateTime.UtcNow.AddSeconds(3));
                leads.Add(read.Delegations.Single().Members[0].Name);
            }
        }
        finally
        {
            await redis.ResumeAsync();
        }

        Assert.Equal(["Lead 0", "Lead 1", "Lead 2"], leads);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task SameRequestIdOnBothReplicasAtOnce_CreatesOneNegotiation(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await using var redis = await RedisServer.StartAsync();
        store.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        await using var a = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        await using var b = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var clients = new[] { new NegotiationService.NegotiationServiceClient(a.Channel), new NegotiationService.NegotiationServiceClient(b.Channel) };

        for (var round = 0; round < 5; round++)
        {
            var request = new CreateNegotiationRequest
            {
                Negotiation = new V1.Negotiation { Title = $"Round {round}", Parties = { "US", "CN" } },
                RequestId = Guid.NewGuid().ToString(),
            };
            var created = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => clients[i % 2].CreateNegotiationAsync(request).ResponseAsync));

            Assert.Single(created.Select(n => n.Name).Distinct());
        }

        var all = await clients[0].ListNegotiationsAsync(new ListNegotiationsRequest());
        Assert.Equal(5, all.Negotiations.Count);
    }

    [Fact]
    public async Task ConcessionOnTwoReplicasSharingTheOutbox_IsCarriedOutOnce()
    {
        using var store = new TempDirectory();
        await using var redis = await RedisServer.StartAsync();
        await using var tariffHost = await ServiceHost.StartAsync(Tariff.TariffApp.Build, TestAuthority.SecureEndpoint());
        var settings = Settings(store, redis);
        foreach (var (key, value) in TestAuthority.TariffClientSettings(tariffHost.SecureAddress))
        {
            settings[key] = value;
        }

        settings["Outbox:PollInterval"] = "00:00:00.050";
        await using var a = await ServiceHost.StartAsync(NegotiationApp.Build, settings);
        await using var b = await ServiceHost.StartAsync(NegotiationApp.Build, settings);
        var client = new NegotiationService.NegotiationServiceClient(a.Channel);
        var talks = await CreateAsync(client);
        var concession = await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name,
            InitialState = CommitmentState.Official,
            Commitment = new Commitment
            {
                Party = "US",
                Kind = CommitmentKind.TariffConcession,
                Concession = new TariffConcession
                {
                    Measure = "measures/us-301-list-2",
                    Action = ConcessionAction.Suspend,
                    EffectiveDate = new Google.Type.Date { Year = 2020, Month = 1, Day = 1 },
                },
            },
        });

        await client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name });
        var delivered = await Eventually.PollAsync(
            async () => (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = talks.Name })).Commitments[0],
            c => c.Delivery.State == DeliveryState.Delivered, TimeSpan.FromSeconds(20));
        var measure = await new Tariff.V1.MeasureService.MeasureServiceClient(tariffHost.Channel)
            .GetMeasureAsync(new Tariff.V1.GetMeasureRequest { Name = "measures/us-301-list-2", View = Tariff.V1.MeasureView.Basic });

        Assert.Equal(DeliveryState.Delivered, delivered.Delivery.State);
        Assert.Equal(1, delivered.Delivery.Attempts);
        Assert.Equal("\"2\"", measure.Etag);
    }
}
