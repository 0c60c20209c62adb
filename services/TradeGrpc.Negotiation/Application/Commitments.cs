using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

public sealed record RecordCommitment(string Negotiation, CommitmentTerms Terms, string RequestId = "") : IRequest<Commitment>;

public sealed record ChangeCommitmentStatus(string Name, CommitmentStatusKind Status, string RequestId = "") : IRequest<Commitment>;

public sealed record RecordPurchases(string Name, Purchase Purchase, string RequestId = "") : IRequest<CommitmentProgress>;

/// <summary>Asks for an official tariff concession to be carried out on the tariff service; asking again changes nothing.</summary>
public sealed record ImplementConcession(string Name) : IRequest<Commitment>;

/// <summary>The result of one attempt to carry out a concession, as the relay saw it.</summary>
public sealed record RecordDelivery(string Name, DeliveryOutcome Outcome, string Error, DateTimeOffset NextAttempt) : IRequest<Commitment>;

/// <summary>Drops the pending delivery of a concession whose commitment is no longer official, as the relay found it.</summary>
public sealed record CancelDelivery(string Name) : IRequest<Commitment>;

public sealed record GetCommitment(string Name) : IRequest<Commitment>;

public sealed record ListCommitments(string Negotiation, PageOf Page) : IRequest<IReadOnlyList<Commitment>>;

public sealed record GetCommitmentProgress(string Name) : IRequest<CommitmentProgress>;

public sealed class RecordCommitmentHandler(TalksCommands commands, ITalksStore store, GetCommitmentHandler commitments) : IHandler<RecordCommitment, Commitment>
{
    public Task<Commitment> HandleAsync(RecordCommitment command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            Speakers.RequireFor(command.Terms.Party);
            if (command.Terms.Status == CommitmentStatusKind.Official)
            {
                Speakers.RequireOfficial();
            }

            var number = await transaction.NextNumberAsync(negotiation.Id, ChildName.Commitments, token);
            var (commitment, recorded) = Commitment.Record(negotiation, number, command.Terms);
            if (command.Terms.Purchase?.AnnexCategory is not null)
            {
                // The negotiation is locked: no other pledge can be recorded between this read and the insert.
                new PurchasePledges(await store.ListPurchaseCommitmentsAsync(negotiation.Id, token)).RequireRoomFor(command.Terms);
            }

            await transaction.InsertAsync(commitment, token);
            return new TalksChange<Commitment>(commitment, commitment.Name, [recorded]);
        }, commitments.Replay, cancellationToken);
}

public sealed class ChangeCommitmentStatusHandler(CommitmentChanges changes) : IHandler<ChangeCommitmentStatus, Commitment>
{
    public Task<Commitment> HandleAsync(ChangeCommitmentStatus command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, command.RequestId, command, (commitment, _) => (commitment.ChangeStatus(command.Status), null), cancellationToken);
}

public sealed class ImplementConcessionHandler(CommitmentChanges changes) : IHandler<ImplementConcession, Commitment>
{
    public Task<Commitment> HandleAsync(ImplementConcession command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, "", command, (commitment, now) =>
            // Each outbox item gets a request_id of its own, which no caller can know beforehand.
            commitment.RequestImplementation(Guid.NewGuid().ToString(), now) is { } asked ? (asked.Requested, asked.Item) : default,
            cancellationToken);
}

public sealed class RecordDeliveryHandler(CommitmentChanges changes) : IHandler<RecordDelivery, Commitment>
{
    public Task<Commitment> HandleAsync(RecordDelivery command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, "", command, (commitment, now) =>
            (commitment.RecordDelivery(command.Outcome, command.Error, now, command.NextAttempt), null), cancellationToken);
}

public sealed class CancelDeliveryHandler(CommitmentChanges changes) : IHandler<CancelDelivery, Commitment>
{
    public Task<Commitment> HandleAsync(CancelDelivery command, CancellationToken cancellationToken) =>
        changes.ChangeAsync(command.Name, "", command, (commitment, _) =>
        {
            // The status change that made the commitment unofficial told the timeline already.
            commitment.CancelDelivery();
            return default;
        }, cancellationToken);
}

/// <summary>
/// A change to one commitment, read and written by key. A change that records no event (a repeated
/// request, a failed delivery attempt) is still written, but leaves the negotiation's version alone.
/// The outbox follows the commitment's delivery in the same transaction: a pending delivery's next
/// attempt is its item's, and a delivery that ended (delivered, refused or cancelled) takes its item out.
/// </summary>
public sealed class CommitmentChanges(TalksCommands commands, GetCommitmentHandler commitments)
{
    public Task<Commitment> ChangeAsync(string name, string requestId, object command,
        Func<Commitment, DateTimeOffset, (TalkEvent? Event, OutboxItem? Outbox)> change, CancellationToken cancellationToken) =>
        commands.RunAsync(ChildName.Parse(name).Negotiation, requestId, command, async (transaction, _, now, token) =>
        {
            var commitment = await commitments.LockedAsync(transaction, name, token);
            Speakers.RequireFor(commitment.Party);
            var (version, delivery) = (commitment.Version, commitment.Delivery);
            var (recorded, outbox) = change(commitment, now);
            if (commitment.Version != version)
            {
                await transaction.SaveAsync(commitment, token);
            }

            if (delivery is { Status: DeliveryStatus.Pending } && commitment.Delivery != delivery)
            {
                await (commitment.Delivery is { Status: DeliveryStatus.Pending, NextAttemptTime: { } next }
                    ? transaction.RescheduleAsync(name, next, token)
                    : transaction.CompleteAsync(name, token));
            }

            return new TalksChange<Commitment>(commitment, name, recorded is null ? [] : [recorded], outbox);
        }, commitments.Replay, cancellationToken);
}

public sealed class RecordPurchasesHandler(TalksCommands commands, ITalksStore store, GetCommitmentProgressHandler progress) : IHandler<RecordPurchases, CommitmentProgress>
{
    public Task<CommitmentProgress> HandleAsync(RecordPurchases command, CancellationToken cancellationToken) =>
        commands.RunAsync(ChildName.Parse(command.Name).Negotiation, command.RequestId, command, async (transaction, _, _, token) =>
        {
            var commitment = await progress.Commitments.LockedAsync(transaction, command.Name, token);
            Speakers.RequireFor(commitment.Party);
            // Read under the commitment's lock: no other writer can add to them meanwhile, so these and
            // the new one are the progress the caller gets back (in the store's order, oldest first).
            var child = ChildName.Parse(command.Name);
            var purchases = await store.ListPurchasesAsync(child.NegotiationId, child.Number, token);
            var recorded = commitment.RecordPurchases([command.Purchase], purchases);
            await transaction.SaveAsync(commitment, token);
            await transaction.InsertAsync(commitment, [command.Purchase], token);
            return new TalksChange<CommitmentProgress>(new CommitmentProgress(commitment, [.. purchases, command.Purchase]), command.Name, [recorded]);
        }, (name, token) => progress.HandleAsync(new GetCommitmentProgress(name), token), cancellationToken);
}

public sealed class GetCommitmentHandler(ITalksStore store) : IHandler<GetCommitment, Commitment>
{
    private const string Reason = "COMMITMENT_NOT_FOUND";

    public Task<Commitment> HandleAsync(GetCommitment query, CancellationToken cancellationToken) =>
        Children.FindAsync(query.Name, Reason, (id, number) => store.GetCommitmentAsync(id, number, cancellationToken));

    public Task<Commitment> Replay(string name, CancellationToken cancellationToken) => HandleAsync(new GetCommitment(name), cancellationToken);

    /// <summary>The commitment, read in a write transaction.</summary>
    public Task<Commitment> LockedAsync(ITalksTransaction transaction, string name, CancellationToken cancellationToken) =>
        Children.FindAsync(name, Reason, (id, number) => transaction.GetCommitmentAsync(id, number, cancellationToken));
}

public sealed class ListCommitmentsHandler(ITalksStore store, GetNegotiationVersionHandler negotiations) : IHandler<ListCommitments, IReadOnlyList<Commitment>>
{
    public Task<IReadOnlyList<Commitment>> HandleAsync(ListCommitments query, CancellationToken cancellationToken) =>
        negotiations.PageAsync(query.Negotiation, id => store.ListCommitmentsAsync(id, query.Page, cancellationToken), cancellationToken);
}

public sealed class GetCommitmentProgressHandler(ITalksStore store, GetCommitmentHandler commitments) : IHandler<GetCommitmentProgress, CommitmentProgress>
{
    public GetCommitmentHandler Commitments => commitments;

    public async Task<CommitmentProgress> HandleAsync(GetCommitmentProgress query, CancellationToken cancellationToken)
    {
        var commitment = await commitments.HandleAsync(new GetCommitment(query.Name), cancellationToken);
        commitment.RequirePurchase();
        var child = ChildName.Parse(query.Name);
        return new CommitmentProgress(commitment, await store.ListPurchasesAsync(child.NegotiationId, child.Number, cancellationToken));
    }
}
