using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record ScheduleRound(string Negotiation, RoundPlan Plan, string RequestId = "") : IRequest<Round>;

public sealed record StartRound(string Name, string RequestId = "") : IRequest<Round>;

public sealed record RecordRoundOutcome(string Name, RoundOutcomeKind Outcome, string Summary, DateOnly? EndDate, string RequestId = "") : IRequest<Round>;

public sealed record CancelRound(string Name, string Reason, string RequestId = "") : IRequest<Round>;

public sealed record GetRound(string Name) : IRequest<Round>;

/// <summary>Rounds by start date.</summary>
public sealed record ListRounds(string Negotiation, PageOf Page) : IRequest<IReadOnlyList<Round>>;

public sealed class ScheduleRoundHandler(TalksCommands commands, GetRoundHandler rounds) : IHandler<ScheduleRound, Round>
{
    public Task<Round> HandleAsync(ScheduleRound command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            var number = await transaction.NextNumberAsync(negotiation.Id, ChildName.Rounds, token);
            var (round, scheduled) = Round.Schedule(negotiation, command.Plan, number);
            await transaction.InsertAsync(round, token);
            negotiation.RoundsChanged(await transaction.ListRoundsAsync(negotiation.Id, token));
            return new TalksChange<Round>(round, round.Name, [scheduled]);
        }, rounds.Replay, cancellationToken);
}

public sealed class StartRoundHandler(RoundMoves moves) : IHandler<StartRound, Round>
{
    public Task<Round> HandleAsync(StartRound command, CancellationToken cancellationToken) =>
        moves.MoveAsync(command.Name, command.RequestId, command, round => round.Start(), cancellationToken);
}

public sealed class RecordRoundOutcomeHandler(RoundMoves moves) : IHandler<RecordRoundOutcome, Round>
{
    public Task<Round> HandleAsync(RecordRoundOutcome command, CancellationToken cancellationToken) =>
        moves.MoveAsync(command.Name, command.RequestId, command, round => round.RecordOutcome(command.Outcome, command.Summary, command.EndDate), cancellationToken);
}

public sealed class CancelRoundHandler(RoundMoves moves) : IHandler<CancelRound, Round>
{
    public Task<Round> HandleAsync(CancelRound command, CancellationToken cancellationToken) =>
        moves.MoveAsync(command.Name, command.RequestId, command, round => round.Cancel(command.Reason), cancellationToken);
}

/// <summary>A round moved from one state to the next: where the talks stand follows from their rounds.</summary>
public sealed class RoundMoves(TalksCommands commands, GetRoundHandler rounds)
{
    public Task<Round> MoveAsync(string name, string requestId, object command, Func<Round, TalkEvent> move, CancellationToken cancellationToken)
    {
        var child = ChildName.Parse(name);
        return commands.RunAsync(child.Negotiation, requestId, command, async (transaction, negotiation, _, token) =>
        {
            var all = await transaction.ListRoundsAsync(negotiation.Id, token);
            var round = all.FirstOrDefault(r => r.Number == child.Number) ?? throw new NotFoundException(GetRoundHandler.Reason, name);
            var moved = move(round);
            await transaction.SaveAsync(round, token);
            negotiation.RoundsChanged(all);
            return new TalksChange<Round>(round, name, [moved]);
        }, rounds.Replay, cancellationToken);
    }
}

public sealed class GetRoundHandler(ITalksStore store) : IHandler<GetRound, Round>
{
    public Task<Round> HandleAsync(GetRound query, CancellationToken cancellationToken) =>
        Children.FindAsync(query.Name, Reason, (id, number) => store.GetRoundAsync(id, number, cancellationToken));

    public Task<Round> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetRound(name), cancellationToken);

    public const string Reason = "ROUND_NOT_FOUND";
}

public sealed class ListRoundsHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListRounds, IReadOnlyList<Round>>
{
    public Task<IReadOnlyList<Round>> HandleAsync(ListRounds query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListRoundsAsync(id, query.Page, cancellationToken), cancellationToken);
}
