using Grpc.Core;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>
/// Builds a fresh US-China negotiation, its delegations and rounds the way a caller writes them,
/// so that each test works on talks of its own.
/// </summary>
internal static class UsChinaTalks
{
    public const string Lighthizer = "Robert Lighthizer";
    public const string Mnuchin = "Steven Mnuchin";
    public const string LiuHe = "Liu He";
    public const string ZhongShan = "Zhong Shan";

    /// <summary>A name that matches the request pattern but was never created.</summary>
    public const string UnknownNegotiation = "negotiations/never-created";

    public static Google.Type.Money Usd(long units, int nanos = 0) => new() { CurrencyCode = "USD", Units = units, Nanos = nanos };

    public static DelegationMember Member(string name, string title, string office, bool lead = false) =>
        new() { Name = name, Title = title, Office = office, Lead = lead };

    public static Delegation UsDelegation() => new()
    {
        Party = "US",
        Members =
        {
            Member(Lighthizer, "United States Trade Representative", "Office of the USTR", lead: true),
            Member(Mnuchin, "Secretary of the Treasury", "Treasury"),
        },
    };

    public static Delegation ChinaDelegation() => new()
    {
        Party = "CN",
        Members =
        {
            Member(LiuHe, "Vice Premier", "State Council", lead: true),
            Member(ZhongShan, "Minister of Commerce", "MOFCOM"),
        },
    };

    /// <summary>A new US-China negotiation with no delegations yet.</summary>
    public static async Task<V1.Negotiation> CreateUsChinaAsync(this NegotiationService.NegotiationServiceClient client) =>
        await client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        });

    /// <summary>A new US-China negotiation with both delegations set, so rounds can name their members.</summary>
    public static async Task<V1.Negotiation> CreateUsChinaWithDelegationsAsync(this NegotiationService.NegotiationServiceClient client)
    {
        var negotiation = await client.CreateUsChinaAsync();
        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = negotiation.Name, Delegation = UsDelegation() });
        return await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = negotiation.Name, Delegation = ChinaDelegation() });
    }

    /// <summary>A one-day in-person round in Beijing with the two leads.</summary>
    public static Round BeijingRound(Google.Type.Date start) => new()
    {
        VenueCity = "Beijing",
        VenueCountry = "CN",
        Format = RoundFormat.InPerson,
        StartDate = start,
        Participants = { Lighthizer, LiuHe },
    };

    public static async Task<Round> ScheduleAsync(this NegotiationService.NegotiationServiceClient client, V1.Negotiation negotiation, Google.Type.Date start) =>
        await client.ScheduleRoundAsync(new ScheduleRoundRequest { Parent = negotiation.Name, Round = BeijingRound(start) });

    public static async Task<Round> StartAsync(this NegotiationService.NegotiationServiceClient client, Round round) =>
        await client.StartRoundAsync(new StartRoundRequest { Name = round.Name });

    public static async Task<Round> EndAsync(this NegotiationService.NegotiationServiceClient client, Round round, RoundOutcome outcome) =>
        await client.RecordRoundOutcomeAsync(new RecordRoundOutcomeRequest { Name = round.Name, Outcome = outcome, Summary = $"Ended: {outcome}." });

    /// <summary>Schedules, starts and ends a round.</summary>
    public static async Task<Round> HoldRoundAsync(this NegotiationService.NegotiationServiceClient client, V1.Negotiation negotiation,
        Google.Type.Date start, RoundOutcome outcome)
    {
        var round = await client.ScheduleAsync(negotiation, start);
        await client.StartAsync(round);
        return await client.EndAsync(round, outcome);
    }

    public static async Task<NegotiationState> StateOfAsync(this NegotiationService.NegotiationServiceClient client, V1.Negotiation negotiation) =>
        (await client.GetNegotiationAsync(new GetNegotiationRequest { Name = negotiation.Name })).State;

    public static Task<Issue> RaiseAsync(this NegotiationService.NegotiationServiceClient client, V1.Negotiation negotiation, string title,
        IssueCategory category = IssueCategory.IntellectualProperty, string demandedBy = "US") =>
        client.RaiseIssueAsync(new RaiseIssueRequest
        {
            Parent = negotiation.Name,
            Issue = new Issue { Title = title, Category = category, DemandedBy = demandedBy },
        }).ResponseAsync;

    /// <summary>The error a unary call fails with.</summary>
    public static Task<RpcException> ErrorOf<T>(AsyncUnaryCall<T> call) => Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    /// <summary>Reads up to <paramref name="count"/> events; fewer when the stream ends first.</summary>
    public static async Task<List<NegotiationEvent>> ReadAsync(IAsyncStreamReader<NegotiationEvent> stream, int count)
    {
        var events = new List<NegotiationEvent>();
        while (events.Count < count && await stream.MoveNext(CancellationToken.None))
        {
            events.Add(stream.Current);
        }

        return events;
    }

    /// <summary>A deadline for streaming calls, so a hang fails the test instead of blocking it.</summary>
    public static DateTime WatchDeadline() => DateTime.UtcNow.AddSeconds(30);
}
