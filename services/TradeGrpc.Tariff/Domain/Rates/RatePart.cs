namespace TradeGrpc.Tariff.Domain.Rates;

/// <summary>One term of a duty rate; the duty is the sum of the rate's parts.</summary>
public abstract record RatePart;
