using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Identity;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>What a command did to the talks: its result, the resource it names, the events it caused, and a concession to carry out.</summary>
public sealed record TalksChange<T>(T Result, string Resource, IReadOnlyList<TalkEvent> Events, OutboxItem? Outbox = null);

/// <summary>
/// Runs every command on a negotiation's talks the same way, through the <see cref="CommandPipeline"/>:
/// the negotiation is locked first (so writers of one negotiation take turns and writers of
/// different ones do not meet), the command acts on it and the parts it needs, and a change that
/// caused events counts on the negotiation and appends them to the timeline, with the caller who
/// caused them, in the same transaction as any outbox item and the request_id. After the commit,
/// <see cref="TalksNews"/>.
/// </summary>
public sealed class TalksCommands(CommandPipeline pipeline, ITalksStore store, TalksNews news, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    /// <param name="negotiationName">The negotiation the command changes.</param>
    /// <param name="requestId">The command's request_id; empty when it has none.</param>
    /// <param name="command">The command, fingerprinted to tell a retry from reuse.</param>
    /// <param name="act">Reads and writes what the command needs, and returns what it did.</param>
    /// <param name="replay">The result of a retried command: the resource it named, as it is now.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public Task<T> RunAsync<T>(string negotiationName, string requestId, object command,
        Func<ITalksTransaction, Domain.Negotiation, DateTimeOffset, CancellationToken, Task<TalksChange<T>>> act,
        Func<string, CancellationToken, Task<T>> replay, CancellationToken cancellationToken) =>
        pipeline.RunAsync(store, requestId, command, async (transaction, token) =>
        {
            var negotiation = await transaction.LockAsync(Domain.Negotiation.IdOf(negotiationName), token)
                ?? throw new NotFoundException("NEGOTIATION_NOT_FOUND", negotiationName);
            var now = clock.GetUtcNow();
            var change = await act(transaction, negotiation, now, token);
            IReadOnlyList<StoredEvent> stored = [];
            if (change.Events.Count > 0)
            {
                negotiation.Changed(now);
                await transaction.SaveAsync(negotiation, token);
                stored = await transaction.AppendAsync(negotiation, change.Events, Caller.Current.Actor, token);
            }

            if (change.Outbox is { } item)
            {
                await transaction.EnqueueAsync(item, token);
            }

            return new Change<T, TalksChanged>(change.Result, change.Resource, new TalksChanged(negotiation.Id, stored, change.Outbox is not null));
        }, replay, news.Publish, cancellationToken);

    /// <summary>Records a new negotiation with its first event.</summary>
    public Task<Domain.Negotiation> OpenAsync(string requestId, object command, string title, IReadOnlyList<string> parties,
        Func<string, CancellationToken, Task<Domain.Negotiation>> replay, CancellationToken cancellationToken) =>
        pipeline.RunAsync(store, requestId, command, async (transaction, token) =>
        {
            var now = clock.GetUtcNow();
            var (negotiation, created) = Domain.Negotiation.Open(Guid.CreateVersion7(now).ToString("N"), title, parties, now);
            await transaction.InsertAsync(negotiation, token);
            var stored = await transaction.AppendAsync(negotiation, [created], Caller.Current.Actor, token);
            return new Change<Domain.Negotiation, TalksChanged>(negotiation, negotiation.Name, new TalksChanged(negotiation.Id, stored, false));
        }, replay, news.Publish, cancellationToken);
}
