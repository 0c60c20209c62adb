using Grpc.Core;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates ExportControlService calls (the Entity List, licences and export checks) into commands and queries and their results back.</summary>
public sealed class ExportControlGrpcService(Sender sender, PageToken pages) : ExportControlService.ExportControlServiceBase
{
    public override async Task<Entity> CreateEntity(CreateEntityRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new CreateEntity(request.Entity.ToListing(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<Entity> GetEntity(GetEntityRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetEntity(request.Name), context.CancellationToken)).ToMessage();

    public override async Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
    {
        var (page, next) = await pages.ReadAsync(ListedEntity.CollectionId, request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListEntities(new PageOf(after, limit)), context.CancellationToken), e => e.Id);
        return new ListEntitiesResponse { Entities = { page.Select(e => e.ToMessage()) }, NextPageToken = next };
    }

    public override async Task<License> ApplyForLicense(ApplyForLicenseRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new ApplyForLicense(request.License.ToApplication(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<License> GrantLicense(GrantLicenseRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new DecideLicense(request.Name, request.ToGrant(), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<License> DenyLicense(DenyLicenseRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new DecideLicense(request.Name, new LicenseDenial(request.Reason), request.RequestId), context.CancellationToken)).ToMessage();

    public override async Task<License> GetLicense(GetLicenseRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetLicense(request.Name), context.CancellationToken)).ToMessage();

    public override async Task<ListLicensesResponse> ListLicenses(ListLicensesRequest request, ServerCallContext context)
    {
        var (page, next) = await pages.ReadAsync($"entity={request.Entity}", request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListLicenses(request.Entity, new PageOf(after, limit)), context.CancellationToken), l => l.Id);
        return new ListLicensesResponse { Licenses = { page.Select(l => l.ToMessage()) }, NextPageToken = next };
    }

    public override async Task<CheckExportResponse> CheckExport(CheckExportRequest request, ServerCallContext context) =>
        (await sender.SendAsync(request.ToQuery(), context.CancellationToken)).ToMessage();
}
