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
/// concession alone and with all of them, as what-if scenarios that change nothing there, in one
/// call; the measures' rates before and after come from the tariff service's own rules.
/// </summary>
public sealed class GetDealImpactHandler(ITalksStore store, GetDraftHandler drafts, GetNegotiationVersionHandler negotiations, ITariffService tariff)
    : IHandler<GetDealImpact, DealImpact>
{
    private const int PageSize = 500;

    // No commitment is named so: they all start "negotiations/".
    private const string WholeDeal = "deal";

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

        // One call prices everything: each concession alone (named by its commitment) and the deal as a whole.
        List<PricingScenario> scenarios = [.. concessions.Select(c => new PricingScenario(c.Name, [c.Terms.Concession!]))];
        scenarios.Add(new PricingScenario(WholeDeal, [.. concessions.Select(c => c.Terms.Concession!)]));
        var priced = await tariff.PriceAsync(query.Basket, scenarios, cancellationToken);
        var byId = priced.Scenarios.ToDictionary(s => s.Id);
        var impacts = concessions.Select(commitment =>
        {
            var alone = byId[commitment.Name];
            var rates = alone.Measures.Single();
            return new ConcessionImpact(commitment.Name, commitment.Terms.Concession!, rates.TradeValueUsd, rates.RateBefore, rates.RateAfter, priced.Baseline, alone.Duty);
        }).ToList();
        return new DealImpact(impacts, priced.Baseline, byId[WholeDeal].Duty);
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
