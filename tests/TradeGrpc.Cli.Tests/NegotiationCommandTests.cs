using Google.Protobuf;
using TradeGrpc.Negotiation;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;
using static TradeGrpc.Cli.Tests.TariffCommandTests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Cli.Tests;

public sealed class NegotiationCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task NegotiationsAndRounds_TalksWithARound_ListShowAndRoundsPrintThem()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build);
        var talks = await UsChinaAsync(new NegotiationService.NegotiationServiceClient(host.Channel));
        var cli = Cli.For(negotiation: host);
        var id = talks.Name["negotiations/".Length..];

        var listed = await cli.RunAsync("negotiations", "list", "--json");
        var shown = await cli.RunAsync("negotiations", "show", id);
        var rounds = await cli.RunAsync("rounds", id);

        Assert.Equal([talks.Name], JsonParser.Default.Parse<ListNegotiationsResponse>(listed.Out.Text).Negotiations.Select(n => n.Name));
        Assert.Contains(TableRows(shown.Out.Text), r => r.SequenceEqual(["US", "Robert Lighthizer", "United States Trade Representative", "Office of the USTR", "lead"]));
        Assert.Contains(TableRows(rounds.Out.Text), r => r.SequenceEqual([$"{talks.Name}/rounds/1", "Beijing CN", "in-person", "2019-02-14", "", "scheduled", ""]));
    }

    [Fact]
    public async Task Watch_HostRestartsMidStream_ResumesAfterTheLastEventWithNoneRepeated()
    {
        // A fixed port, so that the restarted host answers where the watch calls.
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new Negotiation.V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });
        using var stop = new CancellationTokenSource();
        var (watch, exit) = Cli.For(negotiation: host).Start(["watch", talks.Name, "--json"], stop.Token);

        await Eventually.PollAsync(() => Task.FromResult(Sequences(watch)), s => s.Count == 1, Patience);
        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = Us() });
        await Eventually.PollAsync(() => Task.FromResult(Sequences(watch)), s => s.Count == 2, Patience);
        await host.RestartAsync();
        client = new NegotiationService.NegotiationServiceClient(host.Channel);
        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = China() });
        var seen = await Eventually.PollAsync(() => Task.FromResult(Sequences(watch)), s => s.Count == 3, Patience);
        await stop.CancelAsync();

        // 1 the negotiation created, 2 the US delegation before the restart, 3 China's after it; each once.
        Assert.Equal([1L, 2L, 3L], seen);
        Assert.Equal(0, await exit);
        Assert.Contains("resuming after event 2", watch.Error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DealImpact_SuspendList3AndHalveList4A_PrintsTheDutyBeforeAndAfter()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, TestAuthority.TariffClientSettings(tariffHost.SecureAddress));
        var client = new NegotiationService.NegotiationServiceClient(host.Channel);
        var talks = await UsChinaAsync(client);
        async Task OfficialAsync(TariffConcession concession) => await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name, InitialState = CommitmentState.Official,
            Commitment = new Commitment { Party = "US", Kind = CommitmentKind.TariffConcession, Description = concession.Measure, Concession = concession },
        });
        await OfficialAsync(new TariffConcession { Measure = "measures/us-301-list-3", Action = ConcessionAction.Suspend, EffectiveDate = Day(2019, 6, 1) });
        await OfficialAsync(new TariffConcession
        {
            Measure = "measures/us-301-list-4a", Action = ConcessionAction.SetRate, EffectiveDate = Day(2019, 9, 1), RatePercent = new Google.Type.Decimal { Value = "7.5" },
        });

        var run = await Cli.For(negotiation: host).RunAsync(
            "deal-impact", talks.Name, "--date", "2019-10-01", "--line", "9403.60.80:CN:10000", "--line", "4901.99.00.10:CN:1000");

        // Before: list 3 at 25% of $10,000 ($2,500) and list 4A at 15% of $1,000 ($150), both on a free base.
        // After: list 3 suspended, list 4A at 7.5% ($75).
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Duty before: 2,650.00 USD   after: 75.00 USD", run.Out.Text, StringComparison.Ordinal);
        Assert.Contains(TableRows(run.Out.Text), r => r[1] == "measures/us-301-list-4a" && (r[4], r[5]) == ("15%", "7.5%"));
    }

    [Fact]
    public async Task DealImpact_LineClaimingAProgramItsOriginIsNoMemberOf_ExitsWithTheTariffServicesRefusal()
    {
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, TestAuthority.TariffClientSettings(tariffHost.SecureAddress));
        var talks = await UsChinaAsync(new NegotiationService.NegotiationServiceClient(host.Channel));

        // Chinese aluminum plates claiming KORUS: China is no member, so the claim is refused, not priced at the general rate.
        var run = await Cli.For(negotiation: host).RunAsync("deal-impact", talks.Name, "--date", "2019-10-01", "--line", "7606.12.60:CN:10000:KR");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: INVALID_ARGUMENT PREFERENCE_ORIGIN_NOT_MEMBER", run.Error.Text, StringComparison.Ordinal);
    }

    private static List<long> Sequences(Cli.Run run) =>
        [.. run.Out.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonParser.Default.Parse<NegotiationEvent>(l).Sequence)];

    private static async Task<Negotiation.V1.Negotiation> UsChinaAsync(NegotiationService.NegotiationServiceClient client)
    {
        var talks = await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new Negotiation.V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });
        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = Us() });
        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = China() });
        await client.ScheduleRoundAsync(new ScheduleRoundRequest
        {
            Parent = talks.Name,
            Round = new Round
            {
                VenueCity = "Beijing", VenueCountry = "CN", Format = RoundFormat.InPerson, StartDate = Day(2019, 2, 14),
                Participants = { "Robert Lighthizer", "Liu He" },
            },
        });
        return talks;
    }

    private static Delegation Us() => new()
    {
        Party = "US",
        Members = { new DelegationMember { Name = "Robert Lighthizer", Title = "United States Trade Representative", Office = "Office of the USTR", Lead = true } },
    };

    private static Delegation China() => new()
    {
        Party = "CN",
        Members = { new DelegationMember { Name = "Liu He", Title = "Vice Premier", Office = "State Council", Lead = true } },
    };
}
