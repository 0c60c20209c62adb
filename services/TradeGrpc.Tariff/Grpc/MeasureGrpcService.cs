using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates MeasureService calls (measures and exclusions) into commands and queries and their results back.</summary>
public sealed class MeasureGrpcService(Sender sender, Broadcaster<MeasureChange> measureChanges, TariffBook book, TimeProvider clock, PageToken pages) : MeasureService.MeasureServiceBase
{
    private static readonly HashSet<string> UpdatableMeasureFields =
        ["title", "description", "legal_basis", "origin_countries", "heading", "scope", "trade_value", "country_treatments"];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<Measure> GetMeasure(GetMeasureRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetMeasure(request.Name), context.CancellationToken)).ToMessage(request.View != MeasureView.Basic, Today);

    public override async Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var status = request.State == MeasureState.Unspecified ? (MeasureStatus?)null : (MeasureStatus)request.State;
        var today = Today;
        var (page, next) = await pages.ReadAsync($"importing={request.ImportingCountry};origin={request.OriginCountry};state={request.State}",
            request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListMeasures(request.ImportingCountry, request.OriginCountry, status, today, new PageOf(after, limit)),
                context.CancellationToken),
            m => m.Id);
        return new ListMeasuresResponse { Measures = { page.Select(m => m.ToMessage(request.View == MeasureView.Full, today)) }, NextPageToken = next };
    }

    public override async Task<Measure> CreateMeasure(CreateMeasureRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new CreateMeasure(request.Measure.ToDraft(request.MeasureId), request.Proposed, request.RequestId), context.CancellationToken))
            .ToMessage(true, Today);

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
            m.TradeValue?.ToDecimal(),
            paths.Contains("country_treatments") ? m.CountryTreatments.ToTreatments() : null);
        return (await sender.SendAsync(new UpdateMeasure(m.Name, m.Etag, edit, request.RequestId), context.CancellationToken)).ToMessage(true, Today);
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
        using var watch = new MeasureWatch(measureChanges, book, clock);
        // Headers tell the caller the subscription is in place: no change made after they arrive is missed.
        await context.WriteResponseHeadersAsync([]);
        await foreach (var change in watch.ReadAllAsync(context.CancellationToken))
        {
            if (request.ImportingCountry.Length == 0 || change.Measure.ImportingCountry == request.ImportingCountry)
            {
                await responseStream.WriteAsync(new MeasureEvent
                {
                    Kind = (MeasureEventKind)change.Kind,
                    Measure = change.Measure.ToMessage(false, Today),
                    ChangeTime = Timestamp.FromDateTimeOffset(change.Time),
                    Actor = change.Measure.ChangedBy?.ToMessage(),
                }, context.CancellationToken);
            }
        }
    }

    public override async Task<Exclusion> RequestExclusion(RequestExclusionRequest request, ServerCallContext context)
    {
        var e = request.Exclusion;
        return (await sender.SendAsync(new RequestExclusion(e.Measure, e.HtsCode, e.Requester, e.ProductDescription, request.RequestId,
            e.Importer, e.Allowance?.ToAllowance("exclusion.allowance")), context.CancellationToken)).ToMessage(book.Uses);
    }

    public override async Task<Exclusion> GrantExclusion(GrantExclusionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new DecideExclusion(request.Name, true, request.Heading, request.StartDate?.ToDateOnly("start_date"),
            request.EndDate?.ToDateOnly("end_date"), request.RequestId, request.Allowance?.ToAllowance("allowance")), context.CancellationToken)).ToMessage(book.Uses);

    public override async Task<Exclusion> DenyExclusion(DenyExclusionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new DecideExclusion(request.Name, false, "", null, null, request.RequestId), context.CancellationToken)).ToMessage(book.Uses);

    public override async Task<Exclusion> GetExclusion(GetExclusionRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetExclusion(request.Name), context.CancellationToken)).ToMessage(book.Uses);

    public override async Task<ListExclusionsResponse> ListExclusions(ListExclusionsRequest request, ServerCallContext context)
    {
        var status = request.State == ExclusionState.Unspecified ? (ExclusionStatus?)null : (ExclusionStatus)request.State;
        var (page, next) = await pages.ReadAsync($"measure={request.Measure};state={request.State}", request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListExclusions(request.Measure, status, new PageOf(after, limit)), context.CancellationToken), e => e.Id);
        var uses = book.Uses;
        return new ListExclusionsResponse { Exclusions = { page.Select(e => e.ToMessage(uses)) }, NextPageToken = next };
    }
}
