using Grpc.Core;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Grpc.ExportControlMessages;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Export controls: the Entity List, licences and export checks.</summary>
public sealed partial class TariffGrpcService
{
    private const int DefaultExportControlPageSize = 100;

    public override async Task<Entity> CreateEntity(CreateEntityRequest request, ServerCallContext context) =>
        ToEntity(await exportLicensing.CreateEntityAsync(ToListing(request.Entity, "entity"), request.RequestId, context.CancellationToken));

    public override async Task<Entity> GetEntity(GetEntityRequest request, ServerCallContext context) =>
        ToEntity(await exportLicensing.GetEntityAsync(request.Name, context.CancellationToken));

    public override async Task<ListEntitiesResponse> ListEntities(ListEntitiesRequest request, ServerCallContext context)
    {
        var (page, next) = await ReadPageAsync(ListedEntity.CollectionId, request.PageToken, request.PageSize,
            (after, limit) => exportLicensing.ListEntitiesAsync(after, limit, context.CancellationToken), e => e.Id);
        return new ListEntitiesResponse { Entities = { page.Select(ToEntity) }, NextPageToken = next };
    }

    public override async Task<License> ApplyForLicense(ApplyForLicenseRequest request, ServerCallContext context) =>
        ToLicense(await exportLicensing.ApplyForLicenseAsync(ToApplication(request.License), request.RequestId, context.CancellationToken));

    public override async Task<License> DecideLicense(DecideLicenseRequest request, ServerCallContext context) =>
        ToLicense(await exportLicensing.DecideLicenseAsync(request.Name, ToDecision(request), context.CancellationToken));

    public override async Task<License> GetLicense(GetLicenseRequest request, ServerCallContext context) =>
        ToLicense(await exportLicensing.GetLicenseAsync(request.Name, context.CancellationToken));

    public override async Task<ListLicensesResponse> ListLicenses(ListLicensesRequest request, ServerCallContext context)
    {
        var (page, next) = await ReadPageAsync($"entity={request.Entity}", request.PageToken, request.PageSize,
            (after, limit) => exportLicensing.ListLicensesAsync(request.Entity, after, limit, context.CancellationToken), l => l.Id);
        return new ListLicensesResponse { Licenses = { page.Select(ToLicense) }, NextPageToken = next };
    }

    public override async Task<CheckExportResponse> CheckExport(CheckExportRequest request, ServerCallContext context)
    {
        var shipment = new Shipment(request.ExportClassification, request.ShipDate.ToDateOnly("ship_date"));
        var check = request.PartyCase == CheckExportRequest.PartyOneofCase.Entity
            ? await exportLicensing.CheckEntityAsync(request.Entity, shipment, context.CancellationToken)
            : await exportLicensing.CheckPartyAsync(request.PartyName, shipment, context.CancellationToken);
        return ToResponse(check);
    }

    /// <summary>
    /// One page of a list call: reads one item more than the page size to learn whether another
    /// page follows, and keys the next page token on the last item returned.
    /// </summary>
    private static async Task<(IEnumerable<T> Page, string NextPageToken)> ReadPageAsync<T>(
        string query, string pageToken, int pageSize, Func<string?, int, Task<IReadOnlyList<T>>> read, Func<T, string> keyOf)
    {
        var size = PageToken.Size(pageSize, DefaultExportControlPageSize);
        var items = await read(PageToken.Decode(pageToken, query), size + 1);
        var next = items.Count > size ? PageToken.Encode(query, keyOf(items[size - 1])) : "";
        return (items.Take(size), next);
    }
}
