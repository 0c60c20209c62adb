using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Security;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Identity.Permissions;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>
/// The permission each RPC of the tariff host needs. Reads of the book are open to any known caller
/// holding tariff.read; each change belongs to the office that makes it in the real process.
/// Some reads are narrowed further by who asks (an importer's pending exclusion requests, an
/// exporter's licences): see the handlers.
/// </summary>
internal static class TariffAccess
{
    public static AccessTable Table() => new()
    {
        // The no-op baseline: as hard to reach as the cheapest read of the book, no harder.
        { DiagnosticsService.Descriptor, nameof(DiagnosticsService.DiagnosticsServiceBase.Ping), TariffRead },

        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.GetTariffLine), TariffRead },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.ListTariffLines), TariffRead },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.ImportTariffData), ScheduleImport },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.QuoteDuty), TariffRead },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.LookupRates), TariffRead },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.QuoteScenarios), TariffRead },
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.FileEntry), EntriesFile },
        // Read-only, and the entry's own organisation's alone (GetEntryHandler).
        { TariffService.Descriptor, nameof(TariffService.TariffServiceBase.GetEntry), TariffRead },

        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.GetMeasure), TariffRead },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.ListMeasures), TariffRead },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.CreateMeasure), MeasuresWrite },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.UpdateMeasure), MeasuresWrite },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.ScheduleRatePhase), MeasuresWrite },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.SuspendMeasure), MeasuresWrite },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.WithdrawMeasure), MeasuresWrite },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.WatchMeasureChanges), TariffRead },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.RequestExclusion), ExclusionsRequest },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.GrantExclusion), ExclusionsDecide },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.DenyExclusion), ExclusionsDecide },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.GetExclusion), TariffRead },
        { MeasureService.Descriptor, nameof(MeasureService.MeasureServiceBase.ListExclusions), TariffRead },

        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.CreateEntity), EntitiesWrite },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.GetEntity), TariffRead },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.ListEntities), TariffRead },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.ApplyForLicense), LicensesApply },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.GrantLicense), LicensesDecide },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.DenyLicense), LicensesDecide },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.GetLicense), TariffRead },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.ListLicenses), TariffRead },
        { ExportControlService.Descriptor, nameof(ExportControlService.ExportControlServiceBase.CheckExport), TariffRead },
    };
}
