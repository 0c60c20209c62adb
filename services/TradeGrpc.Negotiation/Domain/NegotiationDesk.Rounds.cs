using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain.Talks;

namespace TradeGrpc.Negotiation.Domain;

public sealed partial class NegotiationDesk
{
    public Task<NegotiationRecord> SetDelegationAsync(string negotiationName, DelegationRecord delegation, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, "", "", (n, _) => n, (negotiation, now) =>
        {
            RequireParty(negotiation, delegation.Party, "delegation.party");
            if (delegation.Members.Count(m => m.Lead) > 1)
            {
                throw new InvalidInputException("TWO_LEADS", new FieldError("delegation.members", "at most one member leads a delegation"));
            }

            var talks = negotiation.Talks with
            {
                Delegations = [.. negotiation.Talks.Delegations.Where(d => d.Party != delegation.Party).Append(delegation).OrderBy(d => d.Party, StringComparer.Ordinal)],
            };
            var lead = delegation.Members.FirstOrDefault(m => m.Lead)?.Name ?? "no lead named";
            return new TalksChange<NegotiationRecord>(talks, negotiation with { Talks = talks, UpdateTime = now, Version = negotiation.Version + 1 }, negotiation.Name,
                [new EventDraft(EventKindValue.DelegationSet, negotiation.Name, $"{delegation.Party} delegation set: {delegation.Members.Count} members, led by {lead}.")]);
        }, cancellationToken);

    public Task<RoundRecord> ScheduleRoundAsync(string negotiationName, RoundRecord round, string requestId, string fingerprint, CancellationToken cancellationToken) =>
        ChangeAsync(negotiationName, requestId, fingerprint, (n, resource) => Find(n.Talks.Rounds, r => r.Number, resource, "ROUND_NOT_FOUND"), (negotiation, _) =>
        {
            if (round.End < round.Start)
            {
                throw new InvalidInputException("END_BEFORE_START", new FieldError("round.end_date", "must not be before start_date"));
            }

            var members = negotiation.Talks.Delegations.SelectMany(d => d.Members).Select(m => m.Name).ToHashSet();
            var strangers = round.Participants.Select((p, i) => (p, i)).Where(x => !members.Contains(x.p))
                .Select(x => new FieldError($"round.participants[{x.i}]", $"{x.p} is not a member of any delegation; set the delegations first"))
                .ToArray();
            if (strangers.Length > 0)
            {
                throw new InvalidInputException("UNKNOWN_PARTICIPANT", strangers);
            }

            var scheduled = round with { Number = negotiation.Talks.Rounds.Count + 1, Status = RoundStatus.Scheduled, Outcome = null, Summary = "", Version = 1 };
            var name = ChildName.Of(negotiation.Name, ChildName.Rounds, scheduled.Number);
            return new TalksChange<RoundRecord>(negotiation.Talks with { Rounds = [.. negotiation.Talks.Rounds, scheduled] }, scheduled, name,
                [new EventDraft(EventKindValue.RoundScheduled, name, $"Round {scheduled.Number} scheduled: {Where(scheduled)} from {scheduled.Start:yyyy-MM-dd}.")]);
        }, cancellationToken);

    public Task<RoundRecord> StartRoundAsync(string name, CancellationToken cancellationToken) =>
        MoveRoundAsync(name, RoundStatus.Scheduled, r => r with { Status = RoundStatus.InProgress }, EventKindValue.RoundStarted,
            r => $"Round {r.Number} started: {Where(r)}.", cancellationToken);

    public Task<RoundRecord> RecordRoundOutcomeAsync(string name, RoundOutcomeKind outcome, string summary, DateOnly? endDate, CancellationToken cancellationToken) =>
        MoveRoundAsync(name, RoundStatus.InProgress, r =>
        {
            var end = endDate ?? r.End;
            return end < r.Start
                ? throw new InvalidInputException("END_BEFORE_START", new FieldError("end_date", $"must not be before the round's start {r.Start:yyyy-MM-dd}"))
                : r with { Status = RoundStatus.Ended, Outcome = outcome, Summary = summary, End = end };
        }, EventKindValue.RoundEnded, r => $"Round {r.Number} ended: {r.Outcome}. {r.Summary}".Trim(), cancellationToken);

    public Task<RoundRecord> CancelRoundAsync(string name, string reason, CancellationToken cancellationToken) =>
        MoveRoundAsync(name, RoundStatus.Scheduled, r => r with { Status = RoundStatus.Cancelled, Summary = reason }, EventKindValue.RoundCancelled,
            r => $"Round {r.Number} cancelled. {reason}".Trim(), cancellationToken);

    public async Task<RoundRecord> GetRoundAsync(string name, CancellationToken cancellationToken) =>
        Find((await GetAsync(ChildName.Parse(name).Negotiation, cancellationToken)).Talks.Rounds, r => r.Number, name, "ROUND_NOT_FOUND");

    /// <summary>Rounds by start date.</summary>
    public async Task<IReadOnlyList<RoundRecord>> ListRoundsAsync(string negotiationName, CancellationToken cancellationToken) =>
        [.. (await GetAsync(negotiationName, cancellationToken)).Talks.Rounds.OrderBy(r => r.Start).ThenBy(r => r.Number)];

    private Task<RoundRecord> MoveRoundAsync(string name, RoundStatus from, Func<RoundRecord, RoundRecord> move, EventKindValue kind,
        Func<RoundRecord, string> summary, CancellationToken cancellationToken) =>
        ChangeAsync(ChildName.Parse(name).Negotiation, "", "", (_, _) => throw new InvalidOperationException("No request_id, no replay."), (negotiation, _) =>
        {
            var round = Find(negotiation.Talks.Rounds, r => r.Number, name, "ROUND_NOT_FOUND");
            if (round.Status != from)
            {
                throw new RuleViolationException("ROUND_STATE", "STATE", name,
                    $"{name} is {Upper(round.Status)}; this needs it to be {Upper(from)}.");
            }

            var moved = move(round) with { Version = round.Version + 1 };
            return new TalksChange<RoundRecord>(negotiation.Talks with { Rounds = Replace(negotiation.Talks.Rounds, round, moved) }, moved, name,
                [new EventDraft(kind, name, summary(moved))]);
        }, cancellationToken);

    private static string Where(RoundRecord round) =>
        $"{round.Format} in {(round.VenueCity.Length > 0 ? round.VenueCity : "no venue")}{(round.VenueCountry.Length > 0 ? $", {round.VenueCountry}" : "")}";

    private static string Upper(Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : $"{c}")).ToUpperInvariant();
}
