using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

public sealed partial class TariffGrpcService
{
    private static readonly HashSet<string> UpdatableMeasureFields =
        ["title", "description", "legal_basis", "origin_countries", "heading", "scope", "trade_value"];

    public override Task<Measure> GetMeasure(GetMeasureRequest request, ServerCallContext context) =>
        Task.FromResult(measures.Get(request.Name).ToMessage(request.View != MeasureView.Basic, measures.Today));

    public override Task<ListMeasuresResponse> ListMeasures(ListMeasuresRequest request, ServerCallContext context)
    {
        var query = $"importing={request.ImportingCountry};origin={request.OriginCountry};state={request.State}";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 50);
        var status = request.State == MeasureState.Unspecified ? (MeasureStatus?)null : (MeasureStatus)request.State;
        var page = measures.List(request.ImportingCountry, request.OriginCountry, status, after, size + 1);
        var response = new ListMeasuresResponse();
        response.Measures.Add(page.Take(size).Select(m => m.ToMessage(request.View == MeasureView.Full, measures.Today)));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, page[size - 1].Id);
        }

        return Task.FromResult(response);
    }

    public override async Task<Measure> CreateMeasure(CreateMeasureRequest request, ServerCallContext context)
    {
        var m = request.Measure;
        Require(m.Title.Length > 0, "measure.title", "a measure needs a title");
        Require(m.ImportingCountry.Length > 0, "measure.importing_country", "a measure needs the importing country");
        Require(m.LegalBasis != LegalBasis.Unspecified, "measure.legal_basis", "a measure needs its legal basis");
        var draft = new MeasureRecord(request.MeasureId, m.Title, m.Description, (LegalBasisKind)m.LegalBasis, m.ImportingCountry,
            [.. m.OriginCountries], m.Heading, m.Scope.ToScope(), m.TradeValue?.ToDecimal(),
            [.. m.Phases.Select((p, i) => p.ToRecord($"measure.phases[{i}]"))], MeasureStage.Announced, null, default, default, 0);
        var created = await measures.CreateAsync(draft, request.Proposed, request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken);
        return created.ToMessage(true, measures.Today);
    }

    public override async Task<Measure> UpdateMeasure(UpdateMeasureRequest request, ServerCallContext context)
    {
        var m = request.Measure;
        Require(m.Name.Length > 0, "measure.name", "name the measure to update");
        var paths = request.UpdateMask.Paths;
        foreach (var path in paths.Where(p => !UpdatableMeasureFields.Contains(p)))
        {
            throw new InvalidRequestException("FIELD_NOT_UPDATABLE", new RequestFieldError("update_mask",
                $"'{path}' cannot be updated; updatable: {string.Join(", ", UpdatableMeasureFields.Order(StringComparer.Ordinal))}"));
        }

        var scope = paths.Contains("scope") ? m.Scope.ToScope() : null;
        var updated = await measures.UpdateAsync(m.Name, m.Etag, current => current with
        {
            Title = paths.Contains("title") ? m.Title : current.Title,
            Description = paths.Contains("description") ? m.Description : current.Description,
            LegalBasis = paths.Contains("legal_basis") ? (LegalBasisKind)m.LegalBasis : current.LegalBasis,
            Origins = paths.Contains("origin_countries") ? [.. m.OriginCountries] : current.Origins,
            Heading = paths.Contains("heading") ? m.Heading : current.Heading,
            Scope = scope ?? current.Scope,
            TradeValueUsd = paths.Contains("trade_value") ? m.TradeValue?.ToDecimal() : current.TradeValueUsd,
        }, context.CancellationToken);
        return updated.ToMessage(true, measures.Today);
    }

    public override async Task<Measure> ScheduleRatePhase(ScheduleRatePhaseRequest request, ServerCallContext context) =>
        (await measures.SchedulePhaseAsync(request.Name, request.Phase.ToRecord("phase"), request.RequestId,
            ProtoValues.Fingerprint(request), context.CancellationToken)).ToMessage(false, measures.Today);

    public override async Task<Measure> SuspendMeasure(SuspendMeasureRequest request, ServerCallContext context) =>
        (await measures.SuspendAsync(request.Name, request.EffectiveDate.ToDateOnly("effective_date"), request.RequestId,
            ProtoValues.Fingerprint(request), context.CancellationToken)).ToMessage(false, measures.Today);

    public override async Task<Measure> WithdrawMeasure(WithdrawMeasureRequest request, ServerCallContext context) =>
        (await measures.WithdrawAsync(request.Name, request.RequestId, ProtoValues.Fingerprint(request), context.CancellationToken))
            .ToMessage(false, measures.Today);

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
                    Measure = change.Measure.ToMessage(false, measures.Today),
                    ChangeTime = Timestamp.FromDateTimeOffset(change.Time),
                }, context.CancellationToken);
            }
        }
    }

    private static void Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            throw new InvalidRequestException("MISSING_FIELD", new RequestFieldError(field, description));
        }
    }
}
