using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class RoundTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    [Fact]
    public async Task ScheduleRound_TwoRounds_AreScheduledAndNumberedFromOne()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = BeijingRound(Day(2019, 2, 14));
        round.EndDate = Day(2019, 2, 15);
        round.Participants.Add([Mnuchin, ZhongShan]);

        var first = await client.ScheduleRoundAsync(new ScheduleRoundRequest { Parent = talks.Name, Round = round });
        var second = await client.ScheduleAsync(talks, Day(2019, 2, 21));

        Assert.Equal($"{talks.Name}/rounds/1", first.Name);
        Assert.Equal($"{talks.Name}/rounds/2", second.Name);
        Assert.Equal(RoundState.Scheduled, first.State);
        Assert.Equal(RoundOutcome.Unspecified, first.Outcome);
        Assert.Equal("Beijing", first.VenueCity);
        Assert.Equal(Day(2019, 2, 15), first.EndDate);
        Assert.Equal([Lighthizer, LiuHe, Mnuchin, ZhongShan], first.Participants);
        Assert.Equal(first, await client.GetRoundAsync(new GetRoundRequest { Name = first.Name }));
    }

    [Fact]
    public async Task ScheduleRound_ParticipantInNoDelegation_IsInvalidArgumentNamingTheParticipant()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = BeijingRound(Day(2019, 3, 28));
        round.Participants.Add("Wilbur Ross");

        var error = await ErrorOf(client.ScheduleRoundAsync(new ScheduleRoundRequest { Parent = talks.Name, Round = round }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["round.participants[2]"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ScheduleRound_EndDateBeforeStartDate_IsInvalidArgumentNamingTheEndDate()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = BeijingRound(Day(2019, 4, 30));
        round.EndDate = Day(2019, 4, 29);

        var error = await ErrorOf(client.ScheduleRoundAsync(new ScheduleRoundRequest { Parent = talks.Name, Round = round }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["round.end_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ScheduleRound_FormatUnspecified_IsInvalidArgumentNamingTheFormat()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = BeijingRound(Day(2019, 5, 9));
        round.Format = RoundFormat.Unspecified;

        var error = await ErrorOf(client.ScheduleRoundAsync(new ScheduleRoundRequest { Parent = talks.Name, Round = round }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["round.format"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ScheduleRound_SameRequestIdTwice_CreatesOneRound()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var request = new ScheduleRoundRequest { Parent = talks.Name, Round = BeijingRound(Day(2019, 7, 30)), RequestId = Guid.NewGuid().ToString() };

        var first = await client.ScheduleRoundAsync(request);
        var second = await client.ScheduleRoundAsync(request);
        var listed = await client.ListRoundsAsync(new ListRoundsRequest { Parent = talks.Name });

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(first.Name, Assert.Single(listed.Rounds).Name);
    }

    [Fact]
    public async Task StartRound_Scheduled_IsInProgress()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 7, 30));

        var started = await client.StartAsync(round);

        Assert.Equal(RoundState.InProgress, started.State);
        Assert.Equal(RoundState.InProgress, (await client.GetRoundAsync(new GetRoundRequest { Name = round.Name })).State);
    }

    [Fact]
    public async Task RecordRoundOutcome_InProgress_IsEndedWithTheOutcomeAndSummary()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 10, 10));
        await client.StartAsync(round);

        var ended = await client.RecordRoundOutcomeAsync(new RecordRoundOutcomeRequest
        {
            Name = round.Name,
            Outcome = RoundOutcome.Progress,
            Summary = "Agreement on a first phase: agriculture, currency, financial services.",
            EndDate = Day(2019, 10, 11),
        });

        Assert.Equal(RoundState.Ended, ended.State);
        Assert.Equal(RoundOutcome.Progress, ended.Outcome);
        Assert.Equal("Agreement on a first phase: agriculture, currency, financial services.", ended.Summary);
        Assert.Equal(Day(2019, 10, 11), ended.EndDate);
        Assert.Equal(ended, await client.GetRoundAsync(new GetRoundRequest { Name = round.Name }));
    }

    [Fact]
    public async Task RecordRoundOutcome_RoundNotStarted_IsFailedPreconditionNamingTheState()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 5, 9));

        var error = await ErrorOf(client.RecordRoundOutcomeAsync(
            new RecordRoundOutcomeRequest { Name = round.Name, Outcome = RoundOutcome.Impasse }));

        AssertRoundStateError(error, round.Name, "SCHEDULED");
    }

    [Fact]
    public async Task RecordRoundOutcome_Twice_IsFailedPreconditionNamingTheEndedState()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.HoldRoundAsync(talks, Day(2019, 5, 9), RoundOutcome.Impasse);

        var error = await ErrorOf(client.RecordRoundOutcomeAsync(
            new RecordRoundOutcomeRequest { Name = round.Name, Outcome = RoundOutcome.Progress }));

        AssertRoundStateError(error, round.Name, "ENDED");
        Assert.Equal(RoundOutcome.Impasse, (await client.GetRoundAsync(new GetRoundRequest { Name = round.Name })).Outcome);
    }

    [Fact]
    public async Task CancelRound_Scheduled_IsCancelled()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 9, 1));

        var cancelled = await client.CancelRoundAsync(new CancelRoundRequest { Name = round.Name, Reason = "New tariffs took effect." });

        Assert.Equal(RoundState.Cancelled, cancelled.State);
        Assert.Equal(RoundState.Cancelled, (await client.GetRoundAsync(new GetRoundRequest { Name = round.Name })).State);
    }

    [Fact]
    public async Task CancelRound_InProgress_IsFailedPreconditionNamingTheState()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 5, 9));
        await client.StartAsync(round);

        var error = await ErrorOf(client.CancelRoundAsync(new CancelRoundRequest { Name = round.Name }));

        AssertRoundStateError(error, round.Name, "IN_PROGRESS");
    }

    [Fact]
    public async Task StartRound_Cancelled_IsFailedPreconditionNamingTheState()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.ScheduleAsync(talks, Day(2019, 9, 1));
        await client.CancelRoundAsync(new CancelRoundRequest { Name = round.Name });

        var error = await ErrorOf(client.StartRoundAsync(new StartRoundRequest { Name = round.Name }));

        AssertRoundStateError(error, round.Name, "CANCELLED");
    }

    [Fact]
    public async Task GetRound_Unknown_IsNotFoundWithRoundNotFound()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();

        var error = await ErrorOf(client.GetRoundAsync(new GetRoundRequest { Name = $"{talks.Name}/rounds/99" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ROUND_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task ListRounds_ScheduledOutOfOrder_ComeBackByStartDate()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var may = await client.ScheduleAsync(talks, Day(2019, 5, 9));
        var february = await client.ScheduleAsync(talks, Day(2019, 2, 14));
        var march = await client.ScheduleAsync(talks, Day(2019, 3, 28));

        var listed = await client.ListRoundsAsync(new ListRoundsRequest { Parent = talks.Name });

        Assert.Equal([february.Name, march.Name, may.Name], listed.Rounds.Select(r => r.Name));
        Assert.Equal($"{talks.Name}/rounds/1", may.Name);
    }

    [Fact]
    public async Task GetNegotiation_NoRoundEndedYet_IsActive()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        await client.StartAsync(await client.ScheduleAsync(talks, Day(2018, 5, 3)));

        Assert.Equal(NegotiationState.Active, await client.StateOfAsync(talks));
    }

    [Theory]
    [InlineData(RoundOutcome.Impasse)]
    [InlineData(RoundOutcome.Collapse)]
    public async Task GetNegotiation_RoundEndsInImpasseOrCollapse_IsStalled(RoundOutcome outcome)
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();

        await client.HoldRoundAsync(talks, Day(2019, 5, 9), outcome);

        Assert.Equal(NegotiationState.Stalled, await client.StateOfAsync(talks));
    }

    [Fact]
    public async Task GetNegotiation_RoundStartsAfterAStall_IsResumedAndStaysSoOnProgress()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        await client.HoldRoundAsync(talks, Day(2019, 5, 9), RoundOutcome.Collapse);
        var shanghai = await client.ScheduleAsync(talks, Day(2019, 7, 30));

        await client.StartAsync(shanghai);
        var whileUnderWay = await client.StateOfAsync(talks);
        await client.EndAsync(shanghai, RoundOutcome.Progress);

        Assert.Equal(NegotiationState.Resumed, whileUnderWay);
        Assert.Equal(NegotiationState.Resumed, await client.StateOfAsync(talks));
    }

    [Fact]
    public async Task GetNegotiation_RoundEndsInAgreementInPrinciple_IsConcluded()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        await client.HoldRoundAsync(talks, Day(2019, 5, 9), RoundOutcome.Impasse);

        await client.HoldRoundAsync(talks, Day(2019, 12, 13), RoundOutcome.AgreementInPrinciple);

        Assert.Equal(NegotiationState.Concluded, await client.StateOfAsync(talks));
    }

    private static void AssertRoundStateError(RpcException error, string round, string state)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ROUND_STATE", error.GetErrorInfo()?.Reason);
        var failure = error.GetPreconditionFailure();
        Assert.NotNull(failure);
        var violation = Assert.Single(failure.Violations);
        Assert.Equal("STATE", violation.Type);
        Assert.Equal(round, violation.Subject);
        Assert.Contains(state, violation.Description, StringComparison.Ordinal);
    }
}
