using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TradeGrpc.Caching;
using TradeGrpc.Commands;
using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>What a deal's tariff concessions would do to a basket; only those a draft version's provisions carry, unless <paramref name="DraftVersion"/> is 0.</summary>
public sealed record GetDealImpact(string Negotiation, int DraftVersion, Basket Basket) : IRequest<DealImpact>;

/// <summary>What one concession does: the measure's rate and the basket's duty, before and after.</summary>
public sealed record ConcessionImpact(string Commitment, Concession Concession, decimal? TradeValueUsd, decimal RateBefore, decimal RateAfter, decimal DutyBefore, decimal DutyAfter);

/// <summary>The deal's tariff concessions priced on a basket, and the basket's duty with all of them.</summary>
public sealed record DealImpact(IReadOnlyList<ConcessionImpact> Concessions, decimal DutyBefore, decimal DutyAfter);

/// <summary>How long a deal's priced impact is reused (section <c>DealImpact</c>).</summary>
public sealed class DealImpactOptions
{
    public const string Section = "DealImpact";

    /// <summary>
    /// How long the impact of a deal on a basket is reused while neither the deal nor any measure
    /// changes; zero prices every call afresh. A change to the deal or to a measure takes effect at
    /// once; this bounds how late an exclusion decided or a schedule imported on the tariff service
    /// shows, which its watch of measures does not report.
    /// </summary>
    public TimeSpan ReuseFor { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Prices a deal: the basket is quoted by the tariff service as things stand, with each tariff
/// concession alone and with all of them, as what-if scenarios that change nothing there, in one
/// call; the measures' rates before and after come from the tariff service's own rules. "As things
/// stand" leaves out the deal's own concessions where the tariff book holds them (carried out, or
/// there already as history): the deal is priced against the book before it. The
/// result is reused for the same basket under the same version of the negotiation while this
/// replica follows the tariff service's measure changes and sees none; the concessions are read
/// once per version of the negotiation.
/// </summary>
public sealed class GetDealImpactHandler(
    ITalksStore store, GetDraftHandler drafts, GetNegotiationVersionHandler negotiations, ITariffService tariff, ITariffChanges tariffChanges,
    ReadCache cache, IOptions<DealImpactOptions> options) : IHandler<GetDealImpact, DealImpact>
{
    // No commitment is named so: they all start "negotiations/".
    private const string WholeDeal = "deal";

    // A version of the negotiation never changes, so its concessions can be kept as long as memory allows.
    private static readonly TimeSpan ConcessionsKept = TimeSpan.FromMinutes(10);

    public async Task<DealImpact> HandleAsync(GetDealImpact query, CancellationToken cancellationToken)
    {
        var version = await negotiations.HandleAsync(new GetNegotiationVersion(query.Negotiation), cancellationToken);
        var deal = $"{Domain.Negotiation.IdOf(query.Negotiation)}@{version}/{query.DraftVersion}";
        // Read before anything is priced: a measure change seen meanwhile gives the price a key no later call asks for.
        var seen = tariffChanges.Seen;
        if (seen is null || options.Value.ReuseFor <= TimeSpan.Zero)
        {
            return await PriceAsync(deal, query, cancellationToken);
        }

        return await cache.GetOrCreateLocalAsync("deal_impact", $"{deal}/{seen}/{KeyOf(query.Basket)}", options.Value.ReuseFor,
            token => PriceAsync(deal, query, token), cancellationToken);
    }

    private async Task<DealImpact> PriceAsync(string deal, GetDealImpact query, CancellationToken cancellationToken)
    {
        var concessions = await cache.GetOrCreateLocalAsync("deal_concessions", deal, ConcessionsKept, token => ConcessionsAsync(query, token), cancellationToken);

        // One call prices everything: each concession alone (named by its commitment) and the deal as a whole.
        List<PricingScenario> scenarios = [.. concessions.Select(c => new PricingScenario(c.Name, [c.Terms.Concession!]))];
        scenarios.Add(new PricingScenario(WholeDeal, [.. concessions.Select(c => c.Terms.Concession!)]));
        var priced = await tariff.PriceAsync(query.Basket, [.. concessions.Select(c => c.Terms.Concession!)], scenarios, cancellationToken);
        var byId = priced.Scenarios.ToDictionary(s => s.Id);
        var impacts = concessions.Select(commitment =>
        {
            var alone = byId[commitment.Name];
            var rates = alone.Measures.Single();
            return new ConcessionImpact(commitment.Name, commitment.Terms.Concession!, rates.TradeValueUsd, rates.RateBefore, rates.RateAfter, priced.Baseline, alone.Duty);
        }).ToList();
        return new DealImpact(impacts, priced.Baseline, byId[WholeDeal].Duty);
    }

    /// <summary>The deal's live tariff concessions, only those the draft version carries when one is named.</summary>
    private async Task<IReadOnlyList<Commitment>> ConcessionsAsync(GetDealImpact query, CancellationToken cancellationToken)
    {
        var carried = query.DraftVersion == 0
            ? null
            : (await drafts.HandleAsync(new GetDraft(query.Negotiation, query.DraftVersion), cancellationToken)).Provisions.SelectMany(p => p.Commitments).ToHashSet();
        var live = await store.ListLiveConcessionsAsync(Domain.Negotiation.IdOf(query.Negotiation), cancellationToken);
        return carried is null ? live : [.. live.Where(c => carried.Contains(c.Name))];
    }

    /// <summary>
    /// The SHA-256 of the basket written out in full, the claim and the importer with the rest (each
    /// can change a line's duty): two baskets share a key only if they are the same entry, and a
    /// basket of a thousand lines keeps no 100 KB key in the cache. The importer is free text, so it
    /// goes in after its length: a name holding the separators cannot pass for the lines after it.
    /// </summary>
    private static string KeyOf(Basket basket)
    {
        var key = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{basket.ImportingCountry}|{basket.EntryDate:yyyy-MM-dd}");
        foreach (var line in basket.Lines)
        {
            key.Append(CultureInfo.InvariantCulture,
                $"|{line.HtsCode},{line.Origin},{line.ExportDate:yyyy-MM-dd},{line.CustomsValueUsd},{line.PreferenceProgram},{line.Importer.Length}:{line.Importer}");
            foreach (var quantity in line.Quantities)
            {
                key.Append(CultureInfo.InvariantCulture, $",{quantity.Unit}={quantity.Value}");
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }
}
