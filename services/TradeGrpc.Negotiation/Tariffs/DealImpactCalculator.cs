using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>What one concession does: the measure's rate and the basket's duty, before and after.</summary>
public sealed record ConcessionImpactValue(
    string Commitment, ConcessionRecord Concession, decimal? TradeValueUsd, decimal RateBefore, decimal RateAfter, decimal DutyBefore, decimal DutyAfter);

/// <summary>The deal's tariff concessions priced on a basket, and the basket's duty with all of them.</summary>
public sealed record DealImpactValue(IReadOnlyList<ConcessionImpactValue> Concessions, decimal DutyBefore, decimal DutyAfter);

/// <summary>
/// Prices a deal: the basket is quoted by the tariff service as things stand, with each tariff
/// concession alone and with all of them, as what-if changes that change nothing there.
/// </summary>
public sealed class DealImpactCalculator(NegotiationDesk desk, TariffGateway tariff)
{
    public async Task<DealImpactValue> PriceAsync(string negotiationName, int draftVersion, QuoteDutyRequest basket, CancellationToken cancellationToken)
    {
        var negotiation = await desk.GetAsync(negotiationName, cancellationToken);
        var carried = draftVersion == 0
            ? null
            : (await desk.GetDraftAsync(negotiationName, draftVersion, cancellationToken)).Provisions.SelectMany(p => p.Commitments).ToHashSet();
        var concessions = negotiation.Talks.Commitments
            .Where(c => c.Concession is not null && c.Status is not (CommitmentStatusKind.Withdrawn or CommitmentStatusKind.Broken))
            .Select(c => (Name: ChildName.Of(negotiation.Name, ChildName.Commitments, c.Number), Concession: c.Concession!))
            .Where(c => carried is null || carried.Contains(c.Name))
            .ToList();

        var entryDate = basket.EntryDate.ToDateOnly("entry_date");
        var before = (await tariff.QuoteAsync(basket, cancellationToken)).TotalDuty.ToDecimal();
        var impacts = new List<ConcessionImpactValue>(concessions.Count);
        foreach (var (name, concession) in concessions)
        {
            var measure = await tariff.GetMeasureAsync(concession.Measure, cancellationToken);
            var rateBefore = RateOn(measure, entryDate);
            var rateAfter = concession.Action switch
            {
                ConcessionActionKind.Remove => 0m,
                _ when entryDate < concession.EffectiveDate => rateBefore,
                ConcessionActionKind.SetRate => concession.RatePercent!.Value,
                _ => 0m,
            };
            var after = await QuoteWithAsync(basket, [WhatIf(concession)], cancellationToken);
            impacts.Add(new ConcessionImpactValue(name, concession, measure.TradeValue?.ToDecimal(), rateBefore, rateAfter, before, after));
        }

        var all = impacts.Count == 0 ? before : await QuoteWithAsync(basket, [.. concessions.Select(c => WhatIf(c.Concession))], cancellationToken);
        return new DealImpactValue(impacts, before, all);
    }

    private async Task<decimal> QuoteWithAsync(QuoteDutyRequest basket, IReadOnlyList<WhatIfChange> changes, CancellationToken cancellationToken)
    {
        var request = basket.Clone();
        request.WhatIf.Add(changes);
        return (await tariff.QuoteAsync(request, cancellationToken)).TotalDuty.ToDecimal();
    }

    private static WhatIfChange WhatIf(ConcessionRecord concession)
    {
        var change = new WhatIfChange { Measure = concession.Measure };
        if (concession.Action == ConcessionActionKind.SetRate)
        {
            change.SetRatePercent = concession.RatePercent!.Value.ToProtoDecimal();
        }
        else
        {
            change.Suspend = true;
        }

        if (concession.Action != ConcessionActionKind.Remove)
        {
            change.EffectiveDate = concession.EffectiveDate.ToProtoDate();
        }

        return change;
    }

    /// <summary>The measure's own rate in force on a date (0 when it owes nothing then).</summary>
    private static decimal RateOn(Measure measure, DateOnly date)
    {
        if (measure.State is MeasureState.Proposed or MeasureState.Withdrawn
            || (measure.SuspendedFrom is { } suspended && suspended.ToDateOnly("suspended_from") <= date))
        {
            return 0m;
        }

        return measure.Phases
            .Where(p => p.EffectiveDate.ToDateOnly("effective_date") <= date)
            .Select(p => p.AdValoremPercent.ToDecimal("ad_valorem_percent"))
            .LastOrDefault();
    }
}
