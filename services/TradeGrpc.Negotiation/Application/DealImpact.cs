using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>What a deal's tariff concessions would do to a basket; only those a draft version's provisions carry, unless <paramref name="DraftVersion"/> is 0.</summary>
public sealed record GetDealImpact(string Negotiation, int DraftVersion, Basket Basket) : IRequest<DealImpact>;

/// <summary>What one concession does: the measure's rate and the basket's duty, before and after.</summary>
public sealed record ConcessionImpact(string Commitment, Concession Concession, decimal? TradeValueUsd, decimal RateBefore, decimal RateAfter, decimal DutyBefore, decimal DutyAfter);

/// <summary>The deal's tariff concessions priced on a basket, and the basket's duty with all of them.</summary>
public sealed record DealImpact(IReadOnlyList<ConcessionImpact> Concessions, decimal DutyBefore, decimal DutyAfter);

/// <summary>
/// Prices a deal: the basket is quoted by the tariff service as things stand, with each tariff
/// concession alone and with all of them, as what-if changes that change nothing there.
/// </summary>
public sealed class GetDealImpactHandler(ITalksStore store, GetDraftHandler drafts, GetNegotiationVersionHandler negotiations, ITariffService tariff)
    : IHandler<GetDealImpact, DealImpact>
{
    private const int PageSize = 500;

    public async Task<DealImpact> HandleAsync(GetDealImpact query, CancellationToken cancellationToken)
    {
        await negotiations.HandleAsync(new GetNegotiationVersion(query.Negotiation), cancellationToken);
        var carried = query.DraftVersion == 0
            ? null
            : (await drafts.HandleAsync(new GetDraft(query.Negotiation, query.DraftVersion), cancellationToken)).Provisions.SelectMany(p => p.Commitments).ToHashSet();
        var concessions = (await AllCommitmentsAsync(Domain.Negotiation.IdOf(query.Negotiation), cancellationToken))
            .Where(c => c.Terms.Concession is not null && c.Status is not (CommitmentStatusKind.Withdrawn or CommitmentStatusKind.Broken))
            .Where(c => carried is null || carried.Contains(c.Name))
            .ToList();

        var entryDate = query.Basket.EntryDate;
        var before = await tariff.QuoteAsync(query.Basket, [], cancellationToken);
        var impacts = new List<ConcessionImpact>(concessions.Count);
        foreach (var commitment in concessions)
        {
            var concession = commitment.Terms.Concession!;
            var measure = await tariff.GetMeasureAsync(concession.Measure, entryDate, cancellationToken);
            var rateAfter = concession.Action switch
            {
                ConcessionActionKind.Remove => 0m,
                _ when entryDate < concession.EffectiveDate => measure.RatePercent,
                ConcessionActionKind.SetRate => concession.RatePercent!.Value,
                _ => 0m,
            };
            var after = await tariff.QuoteAsync(query.Basket, [concession], cancellationToken);
            impacts.Add(new ConcessionImpact(commitment.Name, concession, measure.TradeValueUsd, measure.RatePercent, rateAfter, before, after));
        }

        var all = impacts.Count == 0 ? before : await tariff.QuoteAsync(query.Basket, [.. concessions.Select(c => c.Terms.Concession!)], cancellationToken);
        return new DealImpact(impacts, before, all);
    }

    private async Task<List<Commitment>> AllCommitmentsAsync(string negotiationId, CancellationToken cancellationToken)
    {
        var all = new List<Commitment>();
        IReadOnlyList<Commitment> page;
        do
        {
            page = await store.ListCommitmentsAsync(negotiationId, new PageOf(all.Count > 0 ? all[^1].Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, PageSize), cancellationToken);
            all.AddRange(page);
        }
        while (page.Count == PageSize);

        return all;
    }
}
