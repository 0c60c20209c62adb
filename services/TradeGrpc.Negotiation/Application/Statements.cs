using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record RecordStatement(string Negotiation, StatementText Text, string RequestId = "") : IRequest<Statement>;

public sealed record GetStatement(string Name) : IRequest<Statement>;

public sealed record ListStatements(string Negotiation, PageOf Page) : IRequest<IReadOnlyList<Statement>>;

public sealed class RecordStatementHandler(TalksCommands commands, GetStatementHandler statements) : IHandler<RecordStatement, Statement>
{
    public Task<Statement> HandleAsync(RecordStatement command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            var issues = await Links.ExistingAsync(transaction, negotiation, ChildName.Issues, command.Text.Issues, token);
            var commitments = await Links.ExistingAsync(transaction, negotiation, ChildName.Commitments, command.Text.Commitments, token);
            var number = await transaction.NextNumberAsync(negotiation.Id, ChildName.Statements, token);
            var (statement, recorded) = Statement.Record(negotiation, number, command.Text, issues.Contains, commitments.Contains);
            await transaction.InsertAsync(statement, token);
            return new TalksChange<Statement>(statement, statement.Name, [recorded]);
        }, statements.Replay, cancellationToken);
}

public sealed class GetStatementHandler(ITalksStore store) : IHandler<GetStatement, Statement>
{
    public Task<Statement> HandleAsync(GetStatement query, CancellationToken cancellationToken) =>
        Children.FindAsync(query.Name, "STATEMENT_NOT_FOUND", (id, number) => store.GetStatementAsync(id, number, cancellationToken));

    public Task<Statement> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetStatement(name), cancellationToken);
}

public sealed class ListStatementsHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListStatements, IReadOnlyList<Statement>>
{
    public Task<IReadOnlyList<Statement>> HandleAsync(ListStatements query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListStatementsAsync(id, query.Page, cancellationToken), cancellationToken);
}
