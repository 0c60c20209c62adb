using Google.Protobuf.WellKnownTypes;
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
        SpecialRateText = line.SpecialRateText,
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

    public static FileEntry ToCommand(this FileEntryRequest request) =>
        new(new EntryInput(request.ImportingCountry, request.EntryDate.ToDateOnly("entry_date"), request.Lines.ToLines(), []), request.RequestId);

    public static FileEntryResponse ToMessage(this EntryRecord entry)
    {
        var response = new FileEntryResponse
        {
            Entry = entry.Name, TotalDuty = entry.Duty.Total.ToUsd(), DeMinimis = entry.Duty.DeMinimis,
            ImportingCountry = entry.ImportingCountry, EntryDate = entry.EntryDate.ToProtoDate(), FileTime = Timestamp.FromDateTimeOffset(entry.FileTime),
        };
        AddLines(response.Lines, entry.Duty);
        return response;
    }

    public static QuoteScenarios ToQuery(this QuoteScenariosRequest request) => new(
        new EntryInput(request.ImportingCountry, request.EntryDate.ToDateOnly("entry_date"), request.Lines.ToLines(), request.BaselineChanges.ToWhatIfs("baseline_changes")),
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

    /// <summary>
    /// The request's lines. Loops, not LINQ, and a field's name only for its error: every quote
    /// pays for this, and LINQ into collection expressions built and copied each list twice.
    /// </summary>
    private static QuoteLineInput[] ToLines(this Google.Protobuf.Collections.RepeatedField<QuoteLine> lines)
    {
        var inputs = new QuoteLineInput[lines.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var line = lines[i];
            // Most lines state no quantity: they share the empty array.
            var quantities = line.Quantities.Count == 0 ? [] : new LineQuantity[line.Quantities.Count];
            for (var j = 0; j < quantities.Length; j++)
            {
                var value = line.Quantities[j].Value;
                quantities[j] = new LineQuantity(line.Quantities[j].Unit, value.TryDecimal() ?? throw ProtoValues.NotADecimal(value, $"lines[{i}].quantities[{j}].value"));
            }

            inputs[i] = new QuoteLineInput(line.HtsCode, line.OriginCountry, line.ExportDate?.ToDateOnly($"lines[{i}].export_date"), line.CustomsValue.ToDecimal(), quantities)
            {
                PreferenceProgram = line.PreferenceProgram,
                Importer = line.Importer,
            };
        }

        return inputs;
    }

    public static LookupRates ToQuery(this LookupRatesRequest request) => new(request.HtsCode, request.OriginCountry, request.ImportingCountry,
        request.EntryDate.ToDateOnly("entry_date"), request.ExportDate?.ToDateOnly("export_date"), request.WhatIf.ToWhatIfs("what_if"));

    /// <summary>The quote as a message; loops, not LINQ, for the reason <see cref="ToLines"/> gives.</summary>
    public static QuoteDutyResponse ToMessage(this EntryDuty duty)
    {
        var response = new QuoteDutyResponse { TotalDuty = duty.Total.ToUsd(), DeMinimis = duty.DeMinimis };
        AddLines(response.Lines, duty);
        return response;
    }

    private static void AddLines(Google.Protobuf.Collections.RepeatedField<LineQuote> lines, EntryDuty duty)
    {
        lines.Capacity = duty.Lines.Count;
        for (var i = 0; i < duty.Lines.Count; i++)
        {
            var line = duty.Lines[i];
            var quote = new LineQuote { HtsCode = line.HtsCode, Duty = line.Duty.ToUsd(), DeMinimis = line.DeMinimis };
            for (var e = 0; e < line.ExclusionsApplied.Count; e++)
            {
                quote.ExclusionsApplied.Add(line.ExclusionsApplied[e]);
            }

            quote.Components.Capacity = line.Parts.Count;
            for (var p = 0; p < line.Parts.Count; p++)
            {
                var part = line.Parts[p];
                quote.Components.Add(new DutyComponent
                {
                    Heading = part.Heading, Description = part.Description, RateText = part.RateText, Amount = part.Amount.ToUsd(), Measure = part.MeasureId,
                    Allowance = part.Draw?.ToMessage(),
                    QuotaDraw = part.QuotaDraw?.ToMessage(),
                });
            }

            lines.Add(quote);
        }
    }

    /// <summary>The lookup as a message; a loop, not LINQ, for the reason <see cref="ToLines"/> gives.</summary>
    public static LookupRatesResponse ToMessage(this RateLookup lookup)
    {
        var response = new LookupRatesResponse { HtsCode = lookup.HtsCode, Description = lookup.Description };
        response.Rates.Capacity = lookup.Rates.Count;
        for (var i = 0; i < lookup.Rates.Count; i++)
        {
            var rate = lookup.Rates[i];
            response.Rates.Add(new V1.AppliedRate
            {
                Heading = rate.Heading,
                Description = rate.Description,
                RateText = rate.RateText,
                Measure = rate.MeasureId,
                AdValoremPercent = rate.Percent?.ToProtoDecimal(),
                ExcludedBy = rate.ExcludedBy,
            });
        }

        for (var i = 0; i < lookup.SpecialRates.Count; i++)
        {
            var special = lookup.SpecialRates[i];
            response.SpecialRates.Add(new V1.SpecialRate { RateText = special.RateText, Programs = { special.Programs } });
        }

        return response;
    }

    /// <summary>The changes of a request; <paramref name="field"/> is where they are in it, for errors.</summary>
    private static WhatIf[] ToWhatIfs(this Google.Protobuf.Collections.RepeatedField<WhatIfChange> changes, string field)
    {
        if (changes.Count == 0)
        {
            // Nearly every quote and lookup: they share the empty array.
            return [];
        }

        var whatIfs = new WhatIf[changes.Count];
        for (var i = 0; i < whatIfs.Length; i++)
        {
            var c = changes[i];
            if (c.Undo && c.EffectiveDate is null)
            {
                throw new InvalidRequestException("UNDO_NEEDS_DATE", new RequestFieldError($"{field}[{i}].effective_date", "a change taken back (undo) names the date it was made from"));
            }

            whatIfs[i] = new WhatIf(
                MeasureRecord.IdOf(c.Measure),
                c.ChangeCase == WhatIfChange.ChangeOneofCase.Suspend && (c.Suspend
                    ? true
                    : throw new InvalidRequestException("SUSPEND_FALSE", new RequestFieldError($"{field}[{i}].suspend", "must be true; leave the measure out to keep it as it is"))),
                c.ChangeCase == WhatIfChange.ChangeOneofCase.SetRatePercent ? c.SetRatePercent.ToDecimal($"{field}[{i}].set_rate_percent") : null,
                c.EffectiveDate?.ToDateOnly($"{field}[{i}].effective_date"))
            {
                Undo = c.Undo,
            };
        }

        return whatIfs;
    }
}
