using TradeGrpc.Commands;
using TradeGrpc.Errors;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>Trade figures by HS code that <paramref name="Party"/> bought in a period, for its purchase commitments.</summary>
public sealed record RecordTradePurchases(string Negotiation, string Party, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<TradeLine> Lines,
    string Source = "", string RequestId = "") : IRequest<TradePurchases>;

/// <summary>The deal's purchase commitments per category and in total; only those of <paramref name="Year"/> unless it is 0.</summary>
public sealed record GetPurchaseProgress(string Negotiation, int Year = 0) : IRequest<PurchaseSummary>;

/// <summary>Where each trade line went, and the progress of each commitment they went to (by category, then number).</summary>
public sealed record TradePurchases(IReadOnlyList<TradeLineAssignment> Lines, IReadOnlyList<CategoryProgress> Commitments)
{
    public decimal NotCoveredUsd => Lines.Where(l => l.Category is null).Sum(l => l.Line.AmountUsd);
}

/// <summary>
/// Adds each covered line to the party's pledge of its category as a purchase of the period's total,
/// one event per commitment. A retry answers with the lines assigned again and the commitments as they are now.
/// </summary>
public sealed class RecordTradePurchasesHandler(TalksCommands commands, ITalksStore store, AnnexTable annex) : IHandler<RecordTradePurchases, TradePurchases>
{
    public Task<TradePurchases> HandleAsync(RecordTradePurchases command, CancellationToken cancellationToken) =>
        commands.RunAsync(command.Negotiation, command.RequestId, command, async (transaction, negotiation, _, token) =>
        {
            negotiation.RequireParty(command.Party, "buying");
            Speakers.RequireFor(command.Party);
            if (command.PeriodEnd < command.PeriodStart)
            {
                throw new InvalidInputException("PERIOD_OUT_OF_ORDER", new FieldError("PeriodEnd", "must not be before the start date"));
            }

            // The negotiation is locked: no other writer adds commitments or purchases between these reads and the writes.
            var (commitments, lines) = await AssignAsync(command, token);
            var purchases = await store.ListPurchasesAsync(negotiation.Id, token);
            var events = new List<TalkEvent>();
            var added = new List<(int Commitment, Purchase Purchase)>();
            foreach (var group in lines.Where(l => l.Commitment is not null).GroupBy(l => l.Commitment))
            {
                var commitment = commitments.Single(c => c.Name == group.Key);
                List<Purchase> bought = [.. group.Select(l => new Purchase(command.PeriodStart, command.PeriodEnd, l.Line.AmountUsd, command.Source, PurchaseBasis.Total, l.Line.HsCode))];
                events.Add(commitment.RecordPurchases(bought, [.. purchases[commitment.Number]], "Lines"));
                await transaction.SaveAsync(commitment, token);
                await transaction.InsertAsync(commitment, bought, token);
                added.AddRange(bought.Select(p => (commitment.Number, p)));
            }

            var now = purchases.SelectMany(g => g.Select(p => (Commitment: g.Key, Purchase: p))).Concat(added).ToLookup(p => p.Commitment, p => p.Purchase);
            return new TalksChange<TradePurchases>(Outcome(commitments, lines, now), command.Negotiation, events);
        }, async (_, token) =>
        {
            var (commitments, lines) = await AssignAsync(command, token);
            return Outcome(commitments, lines, await store.ListPurchasesAsync(Domain.Negotiation.IdOf(command.Negotiation), token));
        }, cancellationToken);

    private async Task<(IReadOnlyList<Commitment> Commitments, IReadOnlyList<TradeLineAssignment> Lines)> AssignAsync(RecordTradePurchases command, CancellationToken cancellationToken)
    {
        var commitments = await store.ListPurchaseCommitmentsAsync(Domain.Negotiation.IdOf(command.Negotiation), cancellationToken);
        return (commitments, new PurchasePledges(commitments).Assign(command.Negotiation, annex, command.Party, command.PeriodStart, command.PeriodEnd, command.Lines));
    }

    private static TradePurchases Outcome(IReadOnlyList<Commitment> commitments, IReadOnlyList<TradeLineAssignment> lines, ILookup<int, Purchase> purchases) =>
        new(lines, [.. commitments.Where(c => lines.Any(l => l.Commitment == c.Name))
            .OrderBy(c => c.Terms.Purchase!.AnnexCategory).ThenBy(c => c.Number)
            .Select(c => new CategoryProgress(c.Terms.Purchase!.AnnexCategory, [c.Name], new CommitmentProgress(c, [.. purchases[c.Number]]).Figures))]);
}

public sealed class GetPurchaseProgressHandler(ITalksStore store) : IHandler<GetPurchaseProgress, PurchaseSummary>
{
    public async Task<PurchaseSummary> HandleAsync(GetPurchaseProgress query, CancellationToken cancellationToken)
    {
        var id = Domain.Negotiation.IdOf(query.Negotiation);
        _ = await store.VersionAsync(id, cancellationToken) ?? throw GetNegotiationHandler.NotFound(query.Negotiation);
        return new PurchasePledges(await store.ListPurchaseCommitmentsAsync(id, cancellationToken))
            .Summarize(await store.ListPurchasesAsync(id, cancellationToken), query.Year);
    }
}
