using TradeGrpc.Errors;

namespace TradeGrpc.Negotiation.Domain;

/// <summary>What a round is to be: where, how, when and who.</summary>
public sealed record RoundPlan(
    string VenueCity, string VenueCountry, RoundFormatKind Format, DateOnly StartDate, DateOnly? EndDate, IReadOnlyList<string> Participants);

/// <summary>One round of talks: scheduled, then under way, then ended with an outcome (or cancelled before it starts).</summary>
public sealed class Round(string negotiationName, int number, RoundPlan plan, RoundStatus status, RoundOutcomeKind? outcome, string summary, long version)
{
    public string NegotiationName { get; } = negotiationName;

    public int Number { get; } = number;

    public string Name => ChildName.Of(NegotiationName, ChildName.Rounds, Number);

    public RoundPlan Plan { get; private set; } = plan;

    public DateOnly StartDate => Plan.StartDate;

    public RoundStatus Status { get; private set; } = status;

    public RoundOutcomeKind? Outcome { get; private set; } = outcome;

    public string Summary { get; private set; } = summary;

    /// <summary>Goes up by one with every change to the round.</summary>
    public long Version { get; private set; } = version;

    /// <summary>Schedules round <paramref name="number"/>: its participants must be members of the delegations.</summary>
    public static (Round Round, TalkEvent Scheduled) Schedule(Negotiation negotiation, RoundPlan plan, int number)
    {
        if (plan.EndDate < plan.StartDate)
        {
            throw new InvalidInputException("END_BEFORE_START", new FieldError("EndDate", "must not be before start_date"));
        }

        var strangers = plan.Participants.Select((p, i) => (p, i)).Where(x => !negotiation.HasMember(x.p))
            .Select(x => new FieldError($"Participants[{x.i}]", $"{x.p} is not a member of any delegation; set the delegations first"))
            .ToArray();
        if (strangers.Length > 0)
        {
            throw new InvalidInputException("UNKNOWN_PARTICIPANT", strangers);
        }

        var round = new Round(negotiation.Name, number, plan, RoundStatus.Scheduled, null, "", 1);
        return (round, new TalkEvent(TalkEventKind.RoundScheduled, round.Name, $"Round {number} scheduled: {round.Where} from {plan.StartDate:yyyy-MM-dd}."));
    }

    public TalkEvent Start()
    {
        Move(RoundStatus.Scheduled, RoundStatus.InProgress);
        return new TalkEvent(TalkEventKind.RoundStarted, Name, $"Round {Number} started: {Where}.");
    }

    /// <summary>Ends a round under way with its outcome; <paramref name="endDate"/> when it ended on another day than planned.</summary>
    public TalkEvent RecordOutcome(RoundOutcomeKind outcome, string summary, DateOnly? endDate)
    {
        Require(RoundStatus.InProgress);
        var end = endDate ?? Plan.EndDate;
        if (end < Plan.StartDate)
        {
            throw new InvalidInputException("END_BEFORE_START", new FieldError("EndDate", $"must not be before the round's start {Plan.StartDate:yyyy-MM-dd}"));
        }

        Move(RoundStatus.InProgress, RoundStatus.Ended);
        (Outcome, Summary, Plan) = (outcome, summary, Plan with { EndDate = end });
        return new TalkEvent(TalkEventKind.RoundEnded, Name, $"Round {Number} ended: {Words.Of(outcome)}. {summary}".Trim());
    }

    public TalkEvent Cancel(string reason)
    {
        Move(RoundStatus.Scheduled, RoundStatus.Cancelled);
        Summary = reason;
        return new TalkEvent(TalkEventKind.RoundCancelled, Name, $"Round {Number} cancelled. {reason}".Trim());
    }

    private string Where =>
        Plan.VenueCity.Length > 0
            ? $"{Words.Of(Plan.Format)} in {Plan.VenueCity}{(Plan.VenueCountry.Length > 0 ? $", {Plan.VenueCountry}" : "")}"
            : Words.Of(Plan.Format);

    private void Move(RoundStatus from, RoundStatus to)
    {
        Require(from);
        Status = to;
        Version++;
    }

    private void Require(RoundStatus status)
    {
        if (Status != status)
        {
            throw new RuleViolationException("ROUND_STATE", "STATE", Name, $"{Name} is {Upper.Of(Status)}; this needs it to be {Upper.Of(status)}.");
        }
    }
}
