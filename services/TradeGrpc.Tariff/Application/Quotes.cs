using TradeGrpc.Commands;
using TradeGrpc.Tariff.Domain.Quotes;

namespace TradeGrpc.Tariff.Application;

/// <summary>The duty an entry owes on its entry date, line by line.</summary>
public sealed record QuoteDuty(EntryInput Entry) : IRequest<EntryDuty>;

/// <summary>An entry priced as things stand and under each of <paramref name="Scenarios"/>, in one go.</summary>
public sealed record QuoteScenarios(EntryInput Entry, IReadOnlyList<Scenario> Scenarios) : IRequest<ScenarioPricing>;

/// <summary>The base rate and each measure's rate for one product on a date, without amounts.</summary>
public sealed record LookupRates(string HtsCode, string Origin, string ImportingCountry, DateOnly EntryDate, DateOnly? ExportDate, IReadOnlyList<WhatIf> WhatIf)
    : IRequest<RateLookup>;

public sealed class QuoteDutyHandler(DutyCalculator calculator, TariffMetrics metrics) : IHandler<QuoteDuty, EntryDuty>
{
    public Task<EntryDuty> HandleAsync(QuoteDuty query, CancellationToken cancellationToken)
    {
        var duty = calculator.Quote(query.Entry);
        metrics.DutyQuoted();
        return Task.FromResult(duty);
    }
}

public sealed class QuoteScenariosHandler(DutyCalculator calculator, TariffMetrics metrics) : IHandler<QuoteScenarios, ScenarioPricing>
{
    public Task<ScenarioPricing> HandleAsync(QuoteScenarios query, CancellationToken cancellationToken)
    {
        var pricing = calculator.QuoteScenarios(query.Entry, query.Scenarios);
        metrics.ScenariosQuoted(query.Scenarios.Count + 1);
        return Task.FromResult(pricing);
    }
}

public sealed class LookupRatesHandler(DutyCalculator calculator) : IHandler<LookupRates, RateLookup>
{
    public Task<RateLookup> HandleAsync(LookupRates query, CancellationToken cancellationToken) =>
        Task.FromResult(calculator.Lookup(query.HtsCode, query.Origin, query.ImportingCountry, query.EntryDate, query.ExportDate, query.WhatIf));
}
