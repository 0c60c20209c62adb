using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>The negotiation service with a real tariff service: deal impact and carrying out concessions.</summary>
public sealed class TariffIntegrationTests
{
    internal static Dictionary<string, string> NegotiationSettings(int tariffPort) => new(TestAuthority.TariffClientSettings(new Uri($"https://127.0.0.1:{tariffPort}")))
    {
        ["Tariff:DefaultDeadline"] = "00:00:05",
        ["Outbox:PollInterval"] = "00:00:00.100",
        ["Outbox:FirstRetryDelay"] = "00:00:00.100",
    };

    /// <summary><see cref="NegotiationSettings"/> with a deal's price reused for an hour, for the tests of what a reused price may answer.</summary>
    private static Dictionary<string, string> ReusingPrices(int tariffPort) => new(NegotiationSettings(tariffPort)) { ["DealImpact:ReuseFor"] = "01:00:00" };

    internal static async Task<(V1.Negotiation Talks, NegotiationService.NegotiationServiceClient Client)> UsChinaAsync(ServiceHost host)
    {
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });
        return (talks, client);
    }

    internal static RecordCommitmentRequest Concession(string parent, string measure, ConcessionAction action, Google.Type.Date from, string? rate = null) => new()
    {
        Parent = parent,
        InitialState = CommitmentState.Official,
        Commitment = new Commitment
        {
            Party = "US",
            Kind = CommitmentKind.TariffConcession,
            Description = $"{action} {measure}",
            Concession = new TariffConcession
            {
                Measure = measure, Action = action, EffectiveDate = from,
                RatePercent = rate is null ? null : new Google.Type.Decimal { Value = rate },
            },
        },
    };

    internal static GetDealImpactRequest Basket(string name, int draftVersion = 0) => new()
    {
        Name = name,
        DraftVersion = draftVersion,
        ImportingCountry = "US",
        EntryDate = Day(2019, 10, 1),
        Lines =
        {
            new QuoteLine { HtsCode = "9403.60.80", OriginCountry = "CN", CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = 10_000 } },
            new QuoteLine { HtsCode = "4901.99.00.10", OriginCountry = "CN", CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = 1_000 } },
        },
    };

    /// <summary>
    /// Aluminum plates (7606.12.60) of <paramref name="origin"/> for $10,000 entering the US on 2019-10-01,
    /// claiming <paramref name="program"/> unless it is empty. The bundled schedule prints general 6.5%,
    /// special "Free (A,AU,BH,CA,CL,CO,D,E,IL,JO,MA,MX,OM,P,PA,PE,SG) 2.6% (KR)"; Section 232's 10% on
    /// aluminum is owed whatever is claimed.
    /// </summary>
    private static GetDealImpactRequest AluminumPlates(string name, string origin, string program) => new()
    {
        Name = name,
        ImportingCountry = "US",
        EntryDate = Day(2019, 10, 1),
        Lines =
        {
            new QuoteLine
            {
                HtsCode = "7606.12.60", OriginCountry = origin, CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = 10_000 }, PreferenceProgram = program,
            },
        },
    };

    /// <summary>US soybeans (1201.90), 1,000 t for $400,000, entering China on 2019-10-15 for <paramref name="importer"/> unless it is empty.</summary>
    private static GetDealImpactRequest Soybeans(string name, string importer) => new()
    {
        Name = name,
        ImportingCountry = "CN",
        EntryDate = Day(2019, 10, 15),
        Lines =
        {
            new QuoteLine
            {
                HtsCode = "1201.90", OriginCountry = "US", CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = 400_000 },
                Quantities = { new Quantity { Unit = "T", Value = new Google.Type.Decimal { Value = "1000" } } }, Importer = importer,
            },
        },
    };

    /// <summary>What the tariff service's own QuoteDuty makes of the request's lines on its country and date.</summary>
    private static QuoteDutyRequest AsQuote(GetDealImpactRequest request) =>
        new() { ImportingCountry = request.ImportingCountry, EntryDate = request.EntryDate, Lines = { request.Lines } };

    [Fact]
    public async Task GetDealImpact_TwoConcessions_PricesEachAloneAndTogetherWithoutChangingTheTariffs()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        var suspendList3 = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));
        var halveList4A = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2019, 9, 1), "7.5"));

        var impact = await client.GetDealImpactAsync(Basket(talks.Name));
        var list3 = await new MeasureService.MeasureServiceClient(tariffHost.Channel).GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3" });

        Assert.Equal(2650, impact.DutyBefore.Units);
        Assert.Equal(75, impact.DutyAfter.Units);
        Assert.Equal([(suspendList3.Name, "25", "0", 150L), (halveList4A.Name, "15", "7.5", 2575L)],
            impact.Concessions.Select(c => (c.Commitment, c.RateBefore.Value, c.RateAfter.Value, c.DutyAfter.Units)));
        Assert.Equal(200_000_000_000, impact.Concessions[0].TradeValue.Units);
        Assert.Equal(MeasureState.InEffect, list3.State);
    }

    [Fact]
    public async Task GetDealImpact_ADealOfFiveHundredConcessions_PricesEachAloneAndAllTogether()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        // Five hundred: the same two concessions, 250 times each, all in one QuoteScenarios call.
        for (var i = 0; i < 250; i++)
        {
            await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));
            await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2019, 9, 1), "7.5"));
        }

        var impact = await client.GetDealImpactAsync(Basket(talks.Name));

        // As for the pair of them: $2,500 on the furniture and $150 on the books before; $75 after.
        Assert.Equal((2650L, 75L, 500), (impact.DutyBefore.Units, impact.DutyAfter.Units, impact.Concessions.Count));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? 150L : 2575L), impact.Concessions.Select(c => c.DutyAfter.Units));
    }

    [Fact]
    public async Task GetDealImpact_ForADraftVersion_CountsOnlyTheConcessionsItsProvisionsCarry()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        var suspendList3 = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2019, 9, 1), "7.5"));
        await client.ProposeDraftAsync(new ProposeDraftRequest
        {
            Parent = talks.Name,
            Draft = new DraftVersion
            {
                Provisions = { new Provision { Key = "tariffs", Title = "Tariffs", State = ProvisionState.Bracketed, Commitments = { suspendList3.Name } } },
            },
        });

        var impact = await client.GetDealImpactAsync(Basket(talks.Name, draftVersion: 1));

        Assert.Equal(suspendList3.Name, Assert.Single(impact.Concessions).Commitment);
        Assert.Equal(150, impact.DutyAfter.Units);
    }

    [Fact]
    public async Task GetDealImpact_AMeasureChangesAfterAReusedPrice_PricesTheNewRateWithoutWaitingForReuseToEnd()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, ReusingPrices(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2019, 9, 1), "7.5"));
        using var hits = HostCounter.CacheHits(host, "deal_impact");
        // Reused only once the replica follows the tariff service's measure changes, which it begins to do in the background.
        await Eventually.PollAsync(() => client.GetDealImpactAsync(Basket(talks.Name)).ResponseAsync, _ => hits.Count > 0, TimeSpan.FromSeconds(20));
        var reused = await client.GetDealImpactAsync(Basket(talks.Name));

        await new MeasureService.MeasureServiceClient(tariffHost.Channel).ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
        {
            Name = "measures/us-301-list-3",
            Phase = new RatePhase { EffectiveDate = Day(2019, 6, 1), AdValoremPercent = new Google.Type.Decimal { Value = "10" } },
        });
        var repriced = await Eventually.PollAsync(() => client.GetDealImpactAsync(Basket(talks.Name)).ResponseAsync,
            i => i.DutyBefore.Units != reused.DutyBefore.Units, TimeSpan.FromSeconds(20));

        // The furniture's list 3 duty: 25% of $10,000, then 10%; the books' list 4A, 15% of $1,000, halved by the concession.
        Assert.Equal((2650L, 2575L), (reused.DutyBefore.Units, reused.DutyAfter.Units));
        Assert.Equal((1150L, 1075L), (repriced.DutyBefore.Units, repriced.DutyAfter.Units));
    }

    [Fact]
    public async Task GetDealImpact_AConcessionRecordedAfterAReusedPrice_CountsItAtOnce()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, ReusingPrices(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        var suspendList3 = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));
        using var hits = HostCounter.CacheHits(host, "deal_impact");
        await Eventually.PollAsync(() => client.GetDealImpactAsync(Basket(talks.Name)).ResponseAsync, _ => hits.Count > 0, TimeSpan.FromSeconds(20));

        var halveList4A = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2019, 9, 1), "7.5"));
        var impact = await client.GetDealImpactAsync(Basket(talks.Name));

        Assert.Equal([suspendList3.Name, halveList4A.Name], impact.Concessions.Select(c => c.Commitment));
        Assert.Equal(75, impact.DutyAfter.Units);
    }

    [Fact]
    public async Task GetDealImpact_KoreanAluminumClaimingKorus_IsPricedAtTheKoreanRateAsQuoteDutyPricesIt()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-232-aluminum", ConcessionAction.Suspend, Day(2019, 6, 1)));
        var request = AluminumPlates(talks.Name, "KR", "KR");

        var impact = await client.GetDealImpactAsync(request);
        var quote = await new TariffService.TariffServiceClient(tariffHost.Channel).QuoteDutyAsync(AsQuote(request));

        // KORUS's 2.6% of $10,000 = $260, and Section 232's 10% = $1,000: $1,260 before, $260 with
        // Section 232 suspended. Were the claim dropped, the general 6.5% would make them $1,650 and $650.
        Assert.Equal(quote.TotalDuty, impact.DutyBefore);
        Assert.Equal((1_260L, 260L), (impact.DutyBefore.Units, impact.DutyAfter.Units));
    }

    [Fact]
    public async Task GetDealImpact_ChineseAluminumClaimingKorus_IsRefusedOnTheClaimAsQuoteDutyRefusesIt()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-232-aluminum", ConcessionAction.Suspend, Day(2019, 6, 1)));
        var request = AluminumPlates(talks.Name, "CN", "KR");

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetDealImpactAsync(request).ResponseAsync);
        var refused = await Assert.ThrowsAsync<RpcException>(() => new TariffService.TariffServiceClient(tariffHost.Channel).QuoteDutyAsync(AsQuote(request)).ResponseAsync);

        // China is no member of KORUS: the claim does not hold, and the general rate is not put in its place.
        Assert.Equal((StatusCode.InvalidArgument, "PREFERENCE_ORIGIN_NOT_MEMBER"), (error.StatusCode, error.GetErrorInfo()?.Reason));
        Assert.Equal(["lines[0].preference_program"], error.GetInvalidFields());
        Assert.Equal((refused.StatusCode, refused.GetErrorInfo()?.Reason, refused.Status.Detail), (error.StatusCode, error.GetErrorInfo()?.Reason, error.Status.Detail));
    }

    [Fact]
    public async Task GetDealImpact_BasketsDifferingOnlyInTheClaim_AreNotAnsweredWithOnesReusedPrice()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, ReusingPrices(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-232-aluminum", ConcessionAction.Suspend, Day(2019, 6, 1)));
        using var hits = HostCounter.CacheHits(host, "deal_impact");
        // The unclaimed basket's price reused, so that the claimed one would find it were the claim no part of its key.
        var unclaimed = await Eventually.PollAsync(() => client.GetDealImpactAsync(AluminumPlates(talks.Name, "KR", "")).ResponseAsync, _ => hits.Count > 0, TimeSpan.FromSeconds(20));

        var claimed = await client.GetDealImpactAsync(AluminumPlates(talks.Name, "KR", "KR"));

        // Unclaimed, the general 6.5% of $10,000 = $650 and Section 232's $1,000: $1,650 before, $650
        // with it suspended. Claimed, KORUS's 2.6% = $260 in its place: $1,260 and $260.
        Assert.Equal((1_650L, 650L), (unclaimed.DutyBefore.Units, unclaimed.DutyAfter.Units));
        Assert.Equal((1_260L, 260L), (claimed.DutyBefore.Units, claimed.DutyAfter.Units));
    }

    [Fact]
    public async Task GetDealImpact_SoybeansOfTheExcludedImporterAfterAnotherImportersReusedPrice_OweOnlyTheBase()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, ReusingPrices(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        using var hits = HostCounter.CacheHits(host, "deal_impact");
        var unnamed = await Eventually.PollAsync(() => client.GetDealImpactAsync(Soybeans(talks.Name, "")).ResponseAsync, _ => hits.Count > 0, TimeSpan.FromSeconds(20));

        var excluded = await client.GetDealImpactAsync(Soybeans(talks.Name, "example-grain-importing"));
        var quote = await new TariffService.TariffServiceClient(tariffHost.Channel).QuoteDutyAsync(AsQuote(Soybeans(talks.Name, "example-grain-importing")));

        // A 3% base of $400,000 = $12,000 and 30% retaliation (25% and the 5% tranche of 2019-09-01) =
        // $120,000: $132,000. The sample market-based exclusion of example-grain-importing (100,000 t
        // from 2019-09-13) takes the retaliation off its 1,000 t: $12,000. No concession: after = before.
        Assert.Equal((132_000L, 132_000L), (unnamed.DutyBefore.Units, unnamed.DutyAfter.Units));
        Assert.Equal((12_000L, 12_000L), (excluded.DutyBefore.Units, excluded.DutyAfter.Units));
        Assert.Equal(quote.TotalDuty, excluded.DutyBefore);
    }

    [Fact]
    public async Task GetDealImpact_TariffServiceDown_IsUnavailableWhileTheRestWorks()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(FreePort.Next()));
        var (talks, client) = await UsChinaAsync(host);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetDealImpactAsync(Basket(talks.Name)).ResponseAsync);
        var fetched = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("TARIFF_SERVICE_UNAVAILABLE", error.GetErrorInfo()?.Reason);
        Assert.Equal(talks.Name, fetched.Name);
    }

    [Fact]
    public async Task ImplementConcession_AcrossATariffOutageAndARestart_IsCarriedOutExactlyOnce()
    {
        var tariffPort = FreePort.Next();
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffPort));
        var (talks, client) = await UsChinaAsync(host);
        var concession = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2020, 2, 14), "5"));

        var requested = await client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name });
        var failing = await Eventually.PollAsync(
            () => GetAsync(client, concession.Name), c => c.Delivery.Attempts >= 2, TimeSpan.FromSeconds(20));
        await host.RestartAsync();
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint(tariffPort));
        var measures = new MeasureService.MeasureServiceClient(tariffHost.Channel);
        client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var delivered = await Eventually.PollAsync(
            () => GetAsync(client, concession.Name), c => c.Delivery.State == DeliveryState.Delivered, TimeSpan.FromSeconds(20));
        var again = await client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name });
        var after = await measures.GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4a", View = MeasureView.Basic });

        Assert.Equal(DeliveryState.Pending, requested.Delivery.State);
        Assert.Equal(DeliveryState.Pending, failing.Delivery.State);
        Assert.Contains("Unavailable", failing.Delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Delivered, delivered.Delivery.State);
        Assert.Equal(DeliveryState.Delivered, again.Delivery.State);
        Assert.Equal(["15", "5"], after.Phases.Select(p => p.AdValoremPercent.Value));
        // Seeded at version 1: one change and no more, however many attempts were made.
        Assert.Equal("\"2\"", after.Etag);
    }

    [Fact]
    public async Task WithdrawCommitment_ConcessionPendingWhileTheTariffServiceIsDown_CancelsItSoItIsNeverCarriedOut()
    {
        var tariffPort = FreePort.Next();
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffPort));
        var (talks, client) = await UsChinaAsync(host);
        var dropped = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2020, 2, 14), "5"));
        await client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = dropped.Name });
        await Eventually.PollAsync(() => GetAsync(client, dropped.Name), c => c.Delivery.Attempts >= 1, TimeSpan.FromSeconds(20));

        var withdrawn = await client.WithdrawCommitmentAsync(new WithdrawCommitmentRequest { Name = dropped.Name });
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint(tariffPort));
        // Implemented once the tariff service is back, this one shows the relay at work again.
        var kept = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));
        await client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = kept.Name });
        var delivered = await Eventually.PollAsync(
            () => GetAsync(client, kept.Name), c => c.Delivery.State == DeliveryState.Delivered, TimeSpan.FromSeconds(20));
        var cancelled = await GetAsync(client, dropped.Name);
        var list4A = await new MeasureService.MeasureServiceClient(tariffHost.Channel)
            .GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-4a", View = MeasureView.Basic });

        Assert.Equal(DeliveryState.Cancelled, withdrawn.Delivery.State);
        Assert.Equal(DeliveryState.Delivered, delivered.Delivery.State);
        Assert.Equal(DeliveryState.Cancelled, cancelled.Delivery.State);
        Assert.Equal("\"1\"", list4A.Etag);
    }

    [Fact]
    public async Task ImplementConcession_ItemOfACommitmentWithdrawnSince_IsCancelledWithoutCallingTheTariffService()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(tariffHost.SecureAddress.Port));
        var (talks, client) = await UsChinaAsync(host);
        var name = $"{talks.Name}/commitments/1";
        var now = DateTimeOffset.UtcNow;
        var store = host.Services.GetRequiredService<ITalksStore>();
        // What the relay finds when it claimed the item before the commitment was withdrawn, or
        // when the item was stored before withdrawing a commitment cancelled its delivery.
        await using (var transaction = await store.BeginAsync(CancellationToken.None))
        {
            var terms = new Domain.CommitmentTerms("US", Domain.CommitmentType.TariffConcession, Domain.CommitmentStatusKind.Withdrawn, "Suspend list 3", null,
                new Domain.Concession("measures/us-301-list-3", Domain.ConcessionActionKind.Suspend, null, new DateOnly(2019, 6, 1)));
            await transaction.InsertAsync(new Domain.Commitment(talks.Name, 1, terms, new Domain.Delivery(Domain.DeliveryStatus.Pending, 0, "", null, now), 3),
                CancellationToken.None);
            await transaction.EnqueueAsync(new Domain.OutboxItem(name, Guid.NewGuid().ToString(), now), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        var settled = await Eventually.PollAsync(() => GetAsync(client, name), c => c.Delivery.State != DeliveryState.Pending, TimeSpan.FromSeconds(20));
        var list3 = await new MeasureService.MeasureServiceClient(tariffHost.Channel)
            .GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3", View = MeasureView.Basic });

        Assert.Equal((DeliveryState.Cancelled, 0), (settled.Delivery.State, settled.Delivery.Attempts));
        Assert.Equal("\"1\"", list3.Etag);
    }

    [Fact]
    public async Task ImplementConcession_NotYetOfficial_IsFailedPrecondition()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, NegotiationSettings(FreePort.Next()));
        var (talks, client) = await UsChinaAsync(host);
        var request = Concession(talks.Name, "measures/us-301-list-4b", ConcessionAction.Suspend, Day(2019, 12, 15));
        request.InitialState = CommitmentState.Proposed;
        var proposed = await client.RecordCommitmentAsync(request);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = proposed.Name }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("PROPOSED", Assert.Single(error.GetPreconditionFailure()!.Violations).Description, StringComparison.Ordinal);
    }

    internal static async Task<Commitment> GetAsync(NegotiationService.NegotiationServiceClient client, string name) =>
        (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = string.Join('/', name.Split('/')[..2]) }))
            .Commitments.Single(c => c.Name == name);
}
