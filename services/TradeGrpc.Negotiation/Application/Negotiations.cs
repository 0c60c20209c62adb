using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record CreateNegotiation(string Title, IReadOnlyList<string> Parties, string RequestId = "") : IRequest<Domain.Negotiation>;

public sealed record GetNegotiation(string Name) : IRequest<Domain.Negotiation>;

/// <summary>The version of a negotiation as the store holds it: the key of its cached reads.</summary>
public sealed record GetNegotiationVersion(string Name) : IRequest<long>;

public sealed record ListNegotiations(PageOf Page) : IRequest<IReadOnlyList<Domain.Negotiation>>;

public sealed record SetDelegation(string Negotiation, Delegation Delegation, string RequestId = "") : IRequest<Domain.Negotiation>;

public sealed class CreateNegotiationHandler(TalksCommands commands, GetNegotiationHandler negotiations) : IHandler<CreateNegotiation, Domain.Negotiation>
{
    public Task<Domain.Negotiation> HandleAsync(CreateNegotiation command, CancellationToken cancellationToken) =>
        commands.OpenAsync(command.RequestId, command, command.Title, command.Parties,
            (name, token) => negotiations.HandleAsync(new GetNegotiation(name), token), cancellationToken);
}

public sealed class GetNegotiationHandler(ITalksStore store) : IHandler<GetNegotiation, Domain.Negotiation>
{
    public async Task<Domain.Negotiation> HandleAsync(GetNegotiation query, CancellationToken cancellationToken) =>
        await store.GetAsync(Domain.Negotiation.IdOf(query.Name), cancellationToken) ?? throw NotFound(query.Name);

    public static NotFoundException NotFound(string name) => new("NEGOTIATION_NOT_FOUND", name);
}

public sealed class GetNegotiationVersionHandler(ITalksStore store) : IHandler<GetNegotiationVersion, long>
{
    public async Task<long> HandleAsync(GetNegotiationVersion query, CancellationToken cancellationToken) =>
        await store.VersionAsync(Domain.Negotiation.IdOf(query.Name), cancellationToken) ?? throw GetNegotiationHandler.NotFound(query.Name);
}

public sealed class ListNegotiationsHandler(ITalksStore store) : IHandler<ListNegotiations, IReadOnlyList<Domain.Negotiation>>
{
    public Task<IReadOnlyList<Domain.Negotiation>> HandleAsync(ListNegotiations query, CancellationToken cancellationToken) =>
        store.ListAsync(query.Page, cancellationToken);
}

public sealed class SetDelegationHandler(TalksCommands commands, GetNegotiationHandler negotiations) : IHandler<SetDelegation, Domain.Negotiation>
{
    public Task<Domain.Negotiation> HandleAsync(SetDelegation command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, (_, negotiation, _, _) =>
            Task.FromResult(new TalksChange<Domain.Negotiation>(negotiation, negotiation.Name, [negotiation.SetDelegation(command.Delegation)])),
            (name, token) => negotiations.HandleAsync(new GetNegotiation(name), token), cancellationToken);
}
