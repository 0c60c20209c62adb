using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Grpc.ExportControlMessages;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Export controls: the Entity List, licences and export checks.</summary>
public sealed partial class TariffGrpcService
{
    private const int DefaultExportControlPageSize = 100;

    public override async Task<Entity> CreateEntity(CreateEntityRequest request, ServerCallContext context) =>
        ToEntity(await sender.SendAsync(new CreateEntity(ToListing(request.Entity), request.RequestId), context.CancellationToken));

    public override async Task<Entity> GetEntity(GetEntityRequest request, ServerCallContext context) =>
        ToEntity(await sender.SendAsync(new GetEntity(request.Name), context.CancellationToken));

    public override async Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
    {
        var (page, next) = await PageToken.ReadAsync(ListedEntity.CollectionId, request.PageToken, request.PageSize, DefaultExportControlPageSize,
            (after, limit) => sender.SendAsync(new ListEntities(new PageOf(after, limit)), context.CancellationToken), e => e.Id);
        return new ListEntitiesResponse { Entities = { page.Select(ToEntity) }, NextPageToken = next };
    }

    public override async Task<License> ApplyForLicense(ApplyForLicenseRequest request, ServerCallContext context) =>
        ToLicense(await sender.SendAsync(new ApplyForLicense(ToApplication(request.License), request.RequestId), context.CancellationToken));

    public override async Task<License> DecideLicense(DecideLicenseRequest request, ServerCallContext context) =>
        ToLicense(await sender.SendAsync(new DecideLicense(request.Name, ToDecision(request)), context.CancellationToken));

    public override async Task<License> GetLicense(GetLicenseRequest request, ServerCallContext context) =>
        ToLicense(await sender.SendAsync(new GetLicense(request.Name), context.CancellationToken));

    public override async Task<ListLicensesResponse> ListLicenses(ListLicensesRequest request, ServerCallContext context)
    {
        var (page, next) = await PageToken.ReadAsync($"entity={request.Entity}", request.PageToken, request.PageSize, DefaultExportControlPageSize,
            (after, limit) => sender.SendAsync(new ListLicenses(request.Entity, new PageOf(after, limit)), context.CancellationToken), l => l.Id);
        return new ListLicensesResponse { Licenses = { page.Select(ToLicense) }, NextPageToken = next };
    }

    public override async Task<CheckExportResponse> CheckExport(CheckExportRequest request, ServerCallContext context)
    {
        var shipment = new Shipment(request.ExportClassification, request.ShipDate.ToDateOnly("ship_date"));
        var check = request.PartyCase == CheckExportRequest.PartyOneofCase.Entity
            ? new Application.CheckExport(request.Entity, null, shipment)
            : new Application.CheckExport(null, request.PartyName, shipment);
        return ToResponse(await sender.SendAsync(check, context.CancellationToken));
    }
}
