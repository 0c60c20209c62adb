using TradeGrpc.Hosting;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// Where each method's request holds what the domain names its fields from (<c>Title</c> of
/// CreateMeasure is <c>measure.title</c>), and the domain's names the contract spells otherwise.
/// </summary>
internal sealed class RequestFields() : RequestFieldMap(
    new Dictionary<string, string>
    {
        [Method(MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.CreateMeasure))] = "measure",
        [Method(MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.UpdateMeasure))] = "measure",
        [Method(MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.ScheduleRatePhase))] = "phase",
        [Method(ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.CreateEntity))] = "entity",
    },
    new Dictionary<string, string>
    {
        ["Percent"] = "ad_valorem_percent",
        ["ValidFrom"] = "start_date",
        ["ValidTo"] = "end_date",
        ["ListedOn"] = "listed_date",
        ["RemovedOn"] = "removed_date",
        ["Origins"] = "origin_countries",
        ["From"] = "start_date",
        ["Through"] = "end_date",
    })
{
    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string name) => $"/{service.FullName}/{name}";
}
