using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates the schedule and quotes between messages and the domain.</summary>
internal static class ScheduleMapping
{
    public static TariffLine ToMessage(this TariffLineRecord line) => new()
    {
        Name = TariffLines.NameOf(line),
        Hts8 = line.Hts8,
        Description = line.Description,
        MfnRateText = line.MfnRateText,
        Column2RateText = line.Column2RateText,
        Quantity1Unit = line.Quantity1Unit,
        Quantity2Unit = line.Quantity2Unit,
        StartDate = line.ValidFrom.ToProtoDate(),
        EndDate = line.ValidTo.ToProtoDate(),
    };

    public static ImportTariffDataResponse ToMessage(this ImportSummary summary) => new()
    {
        RowsRead = summary.RowsRead,
        RowsImported = summary.RowsImported,
        RowsRejected = summary.RowsRejected,
        RatesUnparsed = summary.RatesUnparsed,
        Problems =
        {
            summary.Problems.Take(1000).Select(p => new V1.ImportProblem { Line = p.Line, Hts8 = p.Hts8, Reason = p.Reason, Imported = p.Imported }),
        },
        CodesAdded = summary.Changes.Count(c => c.Kind == CodeChangeKind.Added),
        CodesRemoved = summary.Changes.Count(c => c.Kind == CodeChangeKind.Removed),
        RatesChanged = summary.Changes.Count(c => c.Kind == CodeChangeKind.RateChanged),
        Changes =
        {
            summary.Changes.Take(1000).Select(c => new ScheduleChange
            {
                Hts8 = c.Hts8, Kind = (ScheduleChangeKind)c.Kind, MfnRateTextBefore = c.RateBefore, MfnRateTextAfter = c.RateAfter,
            }),
        },
        ValidateOnly = summary.ValidateOnly,
    };

    public static EntryInput ToEntry(this QuoteDutyRequest request) =>
        new(request.ImportingCountry, request.EntryDate.ToDateOnly("entry_date"), request.Lines.ToLines(), request.WhatIf.ToWhatIfs("what_if"));

    public static QuoteScenarios ToQuery(this QuoteScenariosRequest request) => new(
        new EntryInput(request.ImportingCountry, request.EntryDate.ToDateOnly("entry_date"), request.Lines.ToLines(), []),
        [.. request.Scenarios.Select((s, i) => new Scenario(s.ScenarioId, s.Changes.ToWhatIfs($"scenarios[{i}].changes")))]);

    public static QuoteScenariosResponse ToMessage(this ScenarioPricing pricing) => new()
    {
        BaselineDuty = pricing.Baseline.ToUsd(),
        DeMinimis = pricing.DeMinimis,
        Scenarios =
        {
            pricing.Scenarios.Select(s => new ScenarioQuote
            {
                ScenarioId = s.Id,
                TotalDuty = s.Total.ToUsd(),
                Measures =
                {
                    s.Measures.Select(m => new V1.MeasureRateChange
                    {
                        Measure = $"{MeasureRecord.CollectionId}/{m.MeasureId}",
                        RateBefore = m.RateBefore.ToProtoDecimal(),
                        RateAfter = m.RateAfter.ToProtoDecimal(),
                        TradeValue = m.TradeValueUsd?.ToUsd(),
                    }),
                },
            }),
        },
    };

    private static IReadOnlyList<QuoteLineInput> ToLines(this IEnumerable<QuoteLine> lines) =>
        [.. lines.Select((line, i) => new QuoteLineInput(
            line.HtsCode,
            line.OriginCountry,
            line.ExportDate?.ToDateOnly($"lines[{i}].export_date"),
            line.CustomsValue.ToDecimal(),
            [.. line.Quantities.Select((q, j) => new LineQuantity(q.Unit, q.Value.ToDecimal($"lines[{i}].quantities[{j}].value")))]))];

    public static LookupRates ToQuery(this LookupRatesRequest request) => new(request.HtsCode, request.OriginCountry, request.ImportingCountry,
        request.EntryDate.ToDateOnly("entry_date"), request.ExportDate?.ToDateOnly("export_date"), request.WhatIf.ToWhatIfs("what_if"));

    public static QuoteDutyResponse ToMessage(this EntryDuty duty) => new()
    {
        TotalDuty = duty.Total.ToUsd(),
        DeMinimis = duty.DeMinimis,
        Lines =
        {
            duty.Lines.Select(line => new LineQuote
            {
                HtsCode = line.HtsCode,
                Duty = line.Duty.ToUsd(),
                DeMinimis = line.DeMinimis,
                ExclusionsApplied = { line.ExclusionsApplied },
                Components =
                {
                    line.Parts.Select(p => new DutyComponent
                    {
                        Heading = p.Heading, Description = p.Description, RateText = p.RateText, Amount = p.Amount.ToUsd(), Measure = p.MeasureId,
                    }),
                },
            }),
        },
    };

    public static LookupRatesResponse ToMessage(this RateLookup lookup) => new()
    {
        HtsCode = lookup.HtsCode,
        Description = lookup.Description,
        Rates =
        {
            lookup.Rates.Select(r => new V1.AppliedRate
            {
                Heading = r.Heading,
                Description = r.Description,
                RateText = r.RateText,
                Measure = r.MeasureId,
                AdValoremPercent = r.Percent?.ToProtoDecimal(),
                ExcludedBy = r.ExcludedBy,
            }),
        },
    };

    /// <summary>The changes of a request; <paramref name="field"/> is where they are in it, for errors.</summary>
    private static IReadOnlyList<WhatIf> ToWhatIfs(this IEnumerable<WhatIfChange> changes, string field) =>
        [.. changes.Select((c, i) => new WhatIf(
            MeasureRecord.IdOf(c.Measure),
            c.ChangeCase == WhatIfChange.ChangeOneofCase.Suspend && (c.Suspend
                ? true
                : throw new InvalidRequestException("SUSPEND_FALSE", new RequestFieldError($"{field}[{i}].suspend", "must be true; leave the measure out to keep it as it is"))),
            c.ChangeCase == WhatIfChange.ChangeOneofCase.SetRatePercent ? c.SetRatePercent.ToDecimal($"{field}[{i}].set_rate_percent") : null,
            c.EffectiveDate?.ToDateOnly($"{field}[{i}].effective_date")))];
}
