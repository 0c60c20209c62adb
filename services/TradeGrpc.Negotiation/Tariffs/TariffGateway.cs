using Grpc.Core;
using TradeGrpc.Errors;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>
/// The negotiation service's calls to the tariff service, through TradeGrpc.Client (retries on
/// UNAVAILABLE, the caller's deadline). A read whose replica closed its connection under it is
/// sent once more. A tariff service that cannot be reached is UNAVAILABLE to our caller; its
/// other errors pass through with their details.
/// </summary>
public sealed class TariffGateway(TariffService.TariffServiceClient tariff, MeasureService.MeasureServiceClient measures) : ITariffService
{
    public async Task<BasketPricing> PriceAsync(Basket basket, IReadOnlyList<Concession> undone, IReadOnlyList<PricingScenario> scenarios, CancellationToken cancellationToken)
    {
        var request = new QuoteScenariosRequest { ImportingCountry = basket.ImportingCountry, EntryDate = basket.EntryDate.ToProtoDate() };
        request.Lines.Add(basket.Lines.Select(line => new QuoteLine
        {
            HtsCode = line.HtsCode,
            OriginCountry = line.Origin,
            ExportDate = line.ExportDate?.ToProtoDate(),
            CustomsValue = line.CustomsValueUsd.ToUsd(),
            Quantities = { line.Quantities.Select(q => new Quantity { Unit = q.Unit, Value = q.Value.ToProtoDecimal() }) },
            PreferenceProgram = line.PreferenceProgram,
            Importer = line.Importer,
        }));
        request.Scenarios.Add(scenarios.Select(s => new QuoteScenario { ScenarioId = s.Id, Changes = { s.Concessions.Select(WhatIf) } }));
        // A withdrawal has no date to be taken back from: the book before it is the book with it undone by hand.
        request.BaselineChanges.Add(undone.Where(c => c.Action != ConcessionActionKind.Remove).Select(c =>
        {
            var change = WhatIf(c);
            change.Undo = true;
            return change;
        }));
        var priced = await CallAsync(() => tariff.QuoteScenariosAsync(request, cancellationToken: cancellationToken).ResponseAsync);
        return new BasketPricing(priced.BaselineDuty.ToDecimal(), [.. priced.Scenarios.Select(s => new ScenarioPrice(s.ScenarioId, s.TotalDuty.ToDecimal(),
            [.. s.Measures.Select(m => new MeasureRates(m.Measure, m.RateBefore.ToDecimal("rate_before"), m.RateAfter.ToDecimal("rate_after"), m.TradeValue?.ToDecimal()))]))]);
    }

    public async Task CarryOutAsync(Concession concession, string requestId, CancellationToken cancellationToken)
    {
        switch (concession.Action)
        {
            case ConcessionActionKind.Suspend:
                await measures.SuspendMeasureAsync(new SuspendMeasureRequest
                {
                    Name = concession.Measure, EffectiveDate = concession.EffectiveDate.ToProtoDate(), RequestId = requestId,
                }, cancellationToken: cancellationToken);
                break;
            case ConcessionActionKind.SetRate:
                await measures.ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
                {
                    Name = concession.Measure,
                    RequestId = requestId,
                    Phase = new RatePhase { EffectiveDate = concession.EffectiveDate.ToProtoDate(), AdValoremPercent = concession.RatePercent!.Value.ToProtoDecimal() },
                }, cancellationToken: cancellationToken);
                break;
            case ConcessionActionKind.Remove:
                await measures.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = concession.Measure, RequestId = requestId }, cancellationToken: cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown concession action {concession.Action}.");
        }
    }

    /// <summary>Whether a failure may pass if the call is made again later.</summary>
    public static bool IsTransient(RpcException error) =>
        error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal
            or StatusCode.ResourceExhausted or StatusCode.Cancelled or StatusCode.Unknown;

    private static WhatIfChange WhatIf(Concession concession)
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

    /// <summary>A read of the tariff service, made once more if a replica's connection closed under it.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Internal && ex.Status.DebugException is HttpRequestException)
            {
                // The replica shut down as the call went out on its connection (INTERNAL, which the
                // client does not retry): a read is safe to send again, and goes to another replica.
                return await call();
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            throw new UnavailableException("TARIFF_SERVICE_UNAVAILABLE", $"The tariff service cannot be reached: {ex.Status.Detail}");
        }
    }
}
