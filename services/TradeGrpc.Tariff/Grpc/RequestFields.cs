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
        [Method(nameof(TariffService.TariffServiceBase.CreateMeasure))] = "measure",
        [Method(nameof(TariffService.TariffServiceBase.UpdateMeasure))] = "measure",
        [Method(nameof(TariffService.TariffServiceBase.ScheduleRatePhase))] = "phase",
        [Method(nameof(TariffService.TariffServiceBase.CreateEntity))] = "entity",
    },
    new Dictionary<string, string>
    {
        ["Percent"] = "ad_valorem_percent",
    })
{
    private static string Method(string name) => $"/{TariffService.Descriptor.FullName}/{name}";
}
