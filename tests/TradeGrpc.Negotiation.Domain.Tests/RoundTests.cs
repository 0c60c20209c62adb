using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

public sealed class RoundTests
{
    private const string RoundName = "negotiations/us-china/rounds/9";

    private static Round Scheduled() => Round.Schedule(WithDelegations(), Washington, 9).Round;

    private static Round InProgress()
    {
        var round = Scheduled();
        round.Start();
        return round;
    }

    [Fact]
    public void Schedule_MembersOfTheDelegations_IsScheduledAndSaysWhereAndWhen()
    {
        var (round, scheduled) = Round.Schedule(WithDelegations(), Washington, 9);

        Assert.Equal((RoundName, RoundStatus.Scheduled, (RoundOutcomeKind?)null, 1L), (round.Name, round.Status, round.Outcome, round.Version));
        Assert.Equal(new TalkEvent(TalkEventKind.RoundScheduled, RoundName, "Round 9 scheduled: in person in Washington, US from 2019-05-09."), scheduled);
    }

    [Fact]
    public void Schedule_EndBeforeStart_FailsOnTheEndDate()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Round.Schedule(WithDelegations(), Washington with { EndDate = new DateOnly(2019, 5, 8) }, 9));

        Assert.Equal("END_BEFORE_START", error.Reason);
        Assert.Equal(new FieldError("EndDate", "must not be before start_date"), Assert.Single(error.Fields));
    }

    [Fact]
    public void Schedule_ParticipantsOutsideTheDelegations_FailNamingEach()
    {
        var plan = Washington with { Participants = [Lighthizer, "Wang Qishan", LiuHe, "Larry Kudlow"] };

        var error = Assert.Throws<InvalidInputException>(() => Round.Schedule(WithDelegations(), plan, 9));

        Assert.Equal("UNKNOWN_PARTICIPANT", error.Reason);
        Assert.Equal(
            [
                new FieldError("Participants[1]", "Wang Qishan is not a member of any delegation; set the delegations first"),
                new FieldError("Participants[3]", "Larry Kudlow is not a member of any delegation; set the delegations first"),
            ],
            error.Fields);
    }

    [Fact]
    public void Start_ScheduledRound_IsUnderWay()
    {
        var round = Scheduled();

        var started = round.Start();

        Assert.Equal((RoundStatus.InProgress, 2L), (round.Status, round.Version));
        Assert.Equal(new TalkEvent(TalkEventKind.RoundStarted, RoundName, "Round 9 started: in person in Washington, US."), started);
    }

    [Fact]
    public void Start_PhoneCallWithNoVenue_SaysSo()
    {
        var plan = new RoundPlan("", "", RoundFormatKind.Phone, new DateOnly(2019, 8, 13), null, [Lighthizer, Mnuchin, LiuHe]);
        var (round, _) = Round.Schedule(WithDelegations(), plan, 12);

        Assert.Equal("Round 12 started: phone.", round.Start().Summary);
    }

    [Fact]
    public void RecordOutcome_RoundUnderWay_EndsItWithTheOutcomeAndTheEndDate()
    {
        var round = InProgress();

        var ended = round.RecordOutcome(RoundOutcomeKind.Impasse, "No deal; the US raised list 3 to 25%.", new DateOnly(2019, 5, 10));

        Assert.Equal((RoundStatus.Ended, RoundOutcomeKind.Impasse, 3L), (round.Status, round.Outcome, round.Version));
        Assert.Equal(("No deal; the US raised list 3 to 25%.", new DateOnly(2019, 5, 10)), (round.Summary, round.Plan.EndDate!.Value));
        Assert.Equal(new TalkEvent(TalkEventKind.RoundEnded, RoundName, "Round 9 ended: impasse. No deal; the US raised list 3 to 25%."), ended);
    }

    [Fact]
    public void RecordOutcome_EndingOnAnotherDayThanPlanned_TakesThatDay()
    {
        var round = InProgress();

        round.RecordOutcome(RoundOutcomeKind.Progress, "", new DateOnly(2019, 5, 9));

        Assert.Equal(new DateOnly(2019, 5, 9), round.Plan.EndDate);
    }

    [Fact]
    public void RecordOutcome_NoEndDateGiven_KeepsThePlannedOne()
    {
        var round = InProgress();

        var ended = round.RecordOutcome(RoundOutcomeKind.Progress, "", null);

        Assert.Equal(new DateOnly(2019, 5, 10), round.Plan.EndDate);
        Assert.Equal("Round 9 ended: progress.", ended.Summary);
    }

    [Fact]
    public void RecordOutcome_EndBeforeTheStart_FailsNamingTheStart()
    {
        var round = InProgress();

        var error = Assert.Throws<InvalidInputException>(() => round.RecordOutcome(RoundOutcomeKind.Impasse, "", new DateOnly(2019, 5, 8)));

        Assert.Equal("END_BEFORE_START", error.Reason);
        Assert.Equal(new FieldError("EndDate", "must not be before the round's start 2019-05-09"), Assert.Single(error.Fields));
        Assert.Equal(RoundStatus.InProgress, round.Status);
    }

    [Fact]
    public void RecordOutcome_ScheduledRoundWithAnEndBeforeItsStart_FailsOnTheStateFirst()
    {
        var round = Scheduled();

        var error = Assert.Throws<RuleViolationException>(() => round.RecordOutcome(RoundOutcomeKind.Impasse, "", new DateOnly(2019, 5, 8)));

        Assert.Equal("ROUND_STATE", error.Reason);
        Assert.Equal(RoundStatus.Scheduled, round.Status);
    }

    [Fact]
    public void Cancel_ScheduledRound_IsCancelledWithTheReason()
    {
        var round = Scheduled();

        var cancelled = round.Cancel("Postponed after the G-20.");

        Assert.Equal((RoundStatus.Cancelled, "Postponed after the G-20.", 2L), (round.Status, round.Summary, round.Version));
        Assert.Equal(new TalkEvent(TalkEventKind.RoundCancelled, RoundName, "Round 9 cancelled. Postponed after the G-20."), cancelled);
    }

    [Fact]
    public void Cancel_NoReason_SaysOnlyThatItIsCancelled() =>
        Assert.Equal("Round 9 cancelled.", Scheduled().Cancel("").Summary);

    [Theory]
    [InlineData("Start", "IN_PROGRESS", "SCHEDULED")]
    [InlineData("Cancel", "IN_PROGRESS", "SCHEDULED")]
    [InlineData("RecordOutcome", "SCHEDULED", "IN_PROGRESS")]
    [InlineData("Start", "ENDED", "SCHEDULED")]
    [InlineData("Cancel", "ENDED", "SCHEDULED")]
    [InlineData("RecordOutcome", "ENDED", "IN_PROGRESS")]
    [InlineData("Start", "CANCELLED", "SCHEDULED")]
    [InlineData("RecordOutcome", "CANCELLED", "IN_PROGRESS")]
    [InlineData("Cancel", "CANCELLED", "SCHEDULED")]
    public void Move_FromTheWrongState_FailsNamingBothStates(string move, string state, string needed)
    {
        var round = state switch
        {
            "SCHEDULED" => Scheduled(),
            "IN_PROGRESS" => InProgress(),
            "ENDED" => Ended(),
            _ => CancelledRound(),
        };
        var version = round.Version;
        Func<TalkEvent> act = move switch
        {
            "Start" => round.Start,
            "Cancel" => () => round.Cancel("Postponed."),
            _ => () => round.RecordOutcome(RoundOutcomeKind.Progress, "", null),
        };

        var error = Assert.Throws<RuleViolationException>(act);

        Assert.Equal(("ROUND_STATE", "STATE", RoundName), (error.Reason, error.Type, error.Subject));
        Assert.Equal($"{RoundName} is {state}; this needs it to be {needed}.", error.Message);
        Assert.Equal(version, round.Version);
    }

    private static Round Ended()
    {
        var round = InProgress();
        round.RecordOutcome(RoundOutcomeKind.Impasse, "", null);
        return round;
    }

    private static Round CancelledRound()
    {
        var round = Scheduled();
        round.Cancel("");
        return round;
    }
}
