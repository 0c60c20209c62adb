using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>A quantity of goods in one unit (a USITC quantity code such as <c>KG</c>).</summary>
public sealed record BasketQuantity(string Unit, decimal Value);

/// <summary>
/// One entry line of a basket: product, origin, value and quantities, the preference program it
/// claims and its importer of record (each empty when not given). The last two change its duty (a
/// special rate, an exclusion limited to one importer), so every line states them: a mapping that
/// leaves them out does not compile.
/// </summary>
public sealed record BasketLine(string HtsCode, string Origin, DateOnly? ExportDate, decimal CustomsValueUsd, IReadOnlyList<BasketQuantity> Quantities,
    string PreferenceProgram, string Importer);

/// <summary>Entry lines priced together, entering one country on one date.</summary>
public sealed record Basket(string ImportingCountry, DateOnly EntryDate, IReadOnlyList<BasketLine> Lines);

/// <summary>Concessions priced together on a basket, under a name of the caller's.</summary>
public sealed record PricingScenario(string Id, IReadOnlyList<Concession> Concessions);

/// <summary>What a scenario does to one measure's own rate on the entry date, with the trade value the measure covers.</summary>
public sealed record MeasureRates(string Measure, decimal RateBefore, decimal RateAfter, decimal? TradeValueUsd);

/// <summary>The basket's duty under one scenario, and the measures it changes.</summary>
public sealed record ScenarioPrice(string Id, decimal Duty, IReadOnlyList<MeasureRates> Measures);

/// <summary>A basket priced as things stand and under each scenario, all at once.</summary>
public sealed record BasketPricing(decimal Baseline, IReadOnlyList<ScenarioPrice> Scenarios);

/// <summary>What the negotiation service asks of the tariff service.</summary>
public interface ITariffService
{
    /// <summary>
    /// The basket's duty as things stand and under each scenario, its concessions applied to that
    /// pricing only (nothing changes there), in one call on one state of the tariff book. "As things
    /// stand" is the book with <paramref name="undone"/> taken back where it holds them: a deal's
    /// own concessions, so that a deal already carried out is priced against the book before it.
    /// </summary>
    Task<BasketPricing> PriceAsync(Basket basket, IReadOnlyList<Concession> undone, IReadOnlyList<PricingScenario> scenarios, CancellationToken cancellationToken);

    /// <summary>Applies a concession to its measure, with a request_id that makes a repeat harmless.</summary>
    Task CarryOutAsync(Concession concession, string requestId, CancellationToken cancellationToken);
}

/// <summary>What this replica knows of changes on the tariff service.</summary>
public interface ITariffChanges
{
    /// <summary>
    /// How many changes to measures this replica has seen since it began following them; null
    /// while it is not following them, when a price made earlier may be out of date.
    /// </summary>
    long? Seen { get; }
}
