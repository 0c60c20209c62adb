using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

public sealed partial class TariffGrpcService
{
    private static readonly HashSet<string> UpdatableMeasureFields =
        ["title", "description", "legal_basis", "origin_countries", "heading", "scope", "trade_value"];

    public override async Task<Measure> GetMeasure(GetMeasureRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetMeasure(request.Name), context.CancellationToken)).ToMessage(request.View != MeasureView.Basic, Today);

    public override async Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var status = request.State == MeasureState.Unspecified ? (MeasureStatus?)null : (MeasureStatus)request.State;
        var today = Today;
        var (page, next) = await PageToken.ReadAsync($"importing={request.ImportingCountry};origin={request.OriginCountry};state={request.State}",
            request.PageToken, request.PageSize, 50,
            (after, limit) => sender.SendAsync(new ListMeasures(request.ImportingCountry, request.OriginCountry, status, today, new PageOf(after, limit)),
                context.CancellationToken),
            m => m.Id);
        return new ListMeasuresResponse { Measures = { page.Select(m => m.ToMessage(request.View == MeasureView.Full, today)) }, NextPageToken = next };
    }

    public override async Task<Measure> CreateMeasure(CreateMeasureRequest request, ServerCallContext context)
    {
        var m = request.Measure;
        var draft = new MeasureRecord(request.MeasureId, m.Title, m.Description, (LegalBasisKind)m.LegalBasis, m.ImportingCountry,
            [.. m.OriginCountries], m.Heading, m.Scope.ToScope(), m.TradeValue?.ToDecimal(),
            [.. m.Phases.Select((p, i) => p.ToRecord($"measure.phases[{i}]"))], MeasureStage.Announced, null, default, default, 0);
        return (await sender.SendAsync(new CreateMeasure(draft, request.Proposed, request.RequestId), context.CancellationToken)).ToMessage(true, Today);
    }

    public override async Task<Measure> UpdateMeasure(UpdateMeasureRequest request, ServerCallContext context)
    {
        var m = request.Measure;
        if (m.Name.Length == 0)
        {
            throw new InvalidRequestException("MISSING_FIELD", new RequestFieldError("measure.name", "name the measure to update"));
        }

        var paths = request.UpdateMask.Paths;
        foreach (var path in paths.Where(p => !UpdatableMeasureFields.Contains(p)))
        {
            throw new InvalidRequestException("FIELD_NOT_UPDATABLE", new RequestFieldError("update_mask",
                $"'{path}' cannot be updated; updatable: {string.Join(", ", UpdatableMeasureFields.Order(StringComparer.Ordinal))}"));
        }

        var edit = new MeasureEdit(
            paths.Contains("title") ? m.Title : null,
            paths.Contains("description") ? m.Description : null,
            paths.Contains("legal_basis") ? (LegalBasisKind)m.LegalBasis : null,
            paths.Contains("origin_countries") ? [.. m.OriginCountries] : null,
            paths.Contains("heading") ? m.Heading : null,
            paths.Contains("scope") ? m.Scope.ToScope() : null,
            paths.Contains("trade_value"),
            m.TradeValue?.ToDecimal());
        return (await sender.SendAsync(new UpdateMeasure(m.Name, m.Etag, edit), context.CancellationToken)).ToMessage(true, Today);
    }

    public override async Task<Measure> ScheduleRatePhase(ScheduleRatePhaseRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ScheduleRatePhase(request.Name, request.Phase.ToRecord("phase"), request.RequestId), context.CancellationToken))
            .ToMessage(false, Today);

    public override async Task<Measure> SuspendMeasure(SuspendMeasureRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new SuspendMeasure(request.Name, request.EffectiveDate.ToDateOnly("effective_date"), request.RequestId), context.CancellationToken))
            .ToMessage(false, Today);

    public override async Task<Measure> WithdrawMeasure(WithdrawMeasureRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new WithdrawMeasure(request.Name, request.RequestId), context.CancellationToken)).ToMessage(false, Today);

    public override async Task WatchMeasureChanges(WatchMeasureChangesRequest request, IServerStreamWriter<MeasureEvent> responseStream, ServerCallContext context)
    {
        using var subscription = measureChanges.Subscribe();
        // Headers tell the caller the subscription is in place: no change made after they arrive is missed.
        await context.WriteResponseHeadersAsync([]);
        await foreach (var change in subscription.Reader.ReadAllAsync(context.CancellationToken))
        {
            if (request.ImportingCountry.Length == 0 || change.Measure.ImportingCountry == request.ImportingCountry)
            {
                await responseStream.WriteAsync(new MeasureEvent
                {
                    Kind = (MeasureEventKind)change.Kind,
                    Measure = change.Measure.ToMessage(false, Today),
                    ChangeTime = Timestamp.FromDateTimeOffset(change.Time),
                }, context.CancellationToken);
            }
        }
    }
}
