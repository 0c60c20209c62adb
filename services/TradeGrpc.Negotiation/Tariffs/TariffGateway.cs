using Grpc.Core;
using TradeGrpc.Errors;
using TradeGrpc.Hosting;
using TradeGrpc.Negotiation.Domain.Talks;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>
/// The negotiation service's calls to the tariff service, through TradeGrpc.Client (retries on
/// UNAVAILABLE, the caller's deadline). A read whose replica closed its connection under it is
/// sent once more. A tariff service that cannot be reached is UNAVAILABLE to our caller; its
/// other errors pass through with their details.
/// </summary>
public sealed class TariffGateway(TariffService.TariffServiceClient tariff)
{
    public Task<Measure> GetMeasureAsync(string name, CancellationToken cancellationToken) =>
        CallAsync(() => tariff.GetMeasureAsync(new GetMeasureRequest { Name = name, View = MeasureView.Basic }, cancellationToken: cancellationToken).ResponseAsync);

    public Task<QuoteDutyResponse> QuoteAsync(QuoteDutyRequest request, CancellationToken cancellationToken) =>
        CallAsync(() => tariff.QuoteDutyAsync(request, cancellationToken: cancellationToken).ResponseAsync);

    /// <summary>Applies a concession to its measure, with a request_id that makes a repeat harmless.</summary>
    public async Task CarryOutAsync(ConcessionRecord concession, string requestId, CancellationToken cancellationToken)
    {
        switch (concession.Action)
        {
            case ConcessionActionKind.Suspend:
                await tariff.SuspendMeasureAsync(new SuspendMeasureRequest
                {
                    Name = concession.Measure, EffectiveDate = concession.EffectiveDate.ToProtoDate(), RequestId = requestId,
                }, cancellationToken: cancellationToken);
                break;
            case ConcessionActionKind.SetRate:
                await tariff.ScheduleRatePhaseAsync(new ScheduleRatePhaseRequest
                {
                    Name = concession.Measure,
                    RequestId = requestId,
                    Phase = new RatePhase { EffectiveDate = concession.EffectiveDate.ToProtoDate(), AdValoremPercent = concession.RatePercent!.Value.ToProtoDecimal() },
                }, cancellationToken: cancellationToken);
                break;
            case ConcessionActionKind.Remove:
                await tariff.WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = concession.Measure, RequestId = requestId }, cancellationToken: cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown concession action {concession.Action}.");
        }
    }

    /// <summary>Whether a failure may pass if the call is made again later.</summary>
    public static bool IsTransient(RpcException error) =>
        error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal
            or StatusCode.ResourceExhausted or StatusCode.Cancelled or StatusCode.Unknown;

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
