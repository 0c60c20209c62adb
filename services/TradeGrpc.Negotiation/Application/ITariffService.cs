using TradeGrpc.Negotiation.Domain;

namespace TradeGrpc.Negotiation.Application;

/// <summary>A quantity of goods in one unit (a USITC quantity code such as <c>KG</c>).</summary>
public sealed record BasketQuantity(string Unit, decimal Value);

/// <summary>One entry line of a basket: product, origin, value and quantities.</summary>
public sealed record BasketLine(string HtsCode, string Origin, DateOnly? ExportDate, decimal CustomsValueUsd, IReadOnlyList<BasketQuantity> Quantities);

/// <summary>Entry lines priced together, entering one country on one date.</summary>
public sealed record Basket(string ImportingCountry, DateOnly EntryDate, IReadOnlyList<BasketLine> Lines);

/// <summary>What the talks need to know of a measure: the trade it covers and its rate on a date.</summary>
public sealed record MeasureFacts(decimal? TradeValueUsd, decimal RatePercent);

/// <summary>What the negotiation service asks of the tariff service.</summary>
public interface ITariffService
{
    /// <summary>The basket's duty, with <paramref name="concessions"/> applied to this quote only (nothing changes there).</summary>
    Task<decimal> QuoteAsync(Basket basket, IReadOnlyList<Concession> concessions, CancellationToken cancellationToken);

    /// <summary>The measure's trade value and its own rate on <paramref name="entryDate"/> (0 while it owes nothing).</summary>
    Task<MeasureFacts> GetMeasureAsync(string measure, DateOnly entryDate, CancellationToken cancellationToken);

    /// <summary>Applies a concession to its measure, with a request_id that makes a repeat harmless.</summary>
    Task CarryOutAsync(Concession concession, string requestId, CancellationToken cancellationToken);
}
