using Grpc.Core;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Import;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates TariffService calls into commands and queries and their results back; one partial file per area.</summary>
public sealed partial class TariffGrpcService(Sender sender, Broadcaster<MeasureChange> measureChanges, TimeProvider clock) : TariffService.TariffServiceBase
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override async Task<TariffLine> GetTariffLine(GetTariffLineRequest request, ServerCallContext context) =>
        ToMessage(await sender.SendAsync(new GetTariffLine(request.Name, request.AsOf?.ToDateOnly("as_of")), context.CancellationToken));

    public override async Task<ListTariffLinesResponse> ListTariffLines(ListTariffLinesRequest request, ServerCallContext context)
    {
        var (page, next) = await PageToken.ReadAsync($"code_prefix={request.CodePrefix}", request.PageToken, request.PageSize, 100,
            (after, limit) => sender.SendAsync(new ListTariffLines(request.CodePrefix, new PageOf(after, limit)), context.CancellationToken), l => l.Hts8);
        return new ListTariffLinesResponse { TariffLines = { page.Select(ToMessage) }, NextPageToken = next };
    }

    public override async Task<ImportTariffDataResponse> ImportTariffData(IAsyncStreamReader<ImportTariffDataRequest> requestStream, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        if (!await requestStream.MoveNext(cancel) || requestStream.Current.PartCase != ImportTariffDataRequest.PartOneofCase.Header)
        {
            throw new InvalidRequestException("HEADER_FIRST", new RequestFieldError("header", "the first message must be the header"));
        }

        var header = requestStream.Current.Header;
        using var file = new MemoryStream();
        while (await requestStream.MoveNext(cancel))
        {
            if (requestStream.Current.PartCase != ImportTariffDataRequest.PartOneofCase.Chunk)
            {
                throw new InvalidRequestException("ONE_HEADER", new RequestFieldError("header", "only the first message may be a header"));
            }

            requestStream.Current.Chunk.WriteTo(file);
        }

        file.Position = 0;
        TariffDatabaseRead read;
        try
        {
            read = UsitcTariffDatabaseReader.Read(header.Gzip ? BundledData.Decompressed(file) : file);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new InvalidRequestException("UNREADABLE_FILE", new RequestFieldError("chunk", $"the file is not a USITC tariff database: {ex.Message}"));
        }

        var summary = await sender.SendAsync(new ImportSchedule(read), cancel);
        return new ImportTariffDataResponse
        {
            RowsRead = summary.RowsRead,
            RowsImported = summary.RowsImported,
            RowsRejected = summary.RowsRejected,
            RatesUnparsed = summary.RatesUnparsed,
            Problems =
            {
                summary.Problems.Take(1000).Select(p => new V1.ImportProblem { Line = p.Line, Hts8 = p.Hts8, Reason = p.Reason, Imported = p.Imported }),
            },
        };
    }

    public override async Task<QuoteDutyResponse> QuoteDuty(QuoteDutyRequest request, ServerCallContext context)
    {
        var entry = new EntryInput(
            request.ImportingCountry,
            request.EntryDate.ToDateOnly("entry_date"),
            [.. request.Lines.Select((line, i) => new QuoteLineInput(
                line.HtsCode,
                line.OriginCountry,
                line.ExportDate?.ToDateOnly($"lines[{i}].export_date"),
                line.CustomsValue.ToDecimal(),
                [.. line.Quantities.Select(q => new LineQuantity(q.Unit, (decimal)q.Value))]))],
            WhatIfs(request.WhatIf));
        var duty = await sender.SendAsync(new QuoteDuty(entry), context.CancellationToken);
        var response = new QuoteDutyResponse { TotalDuty = duty.Total.ToUsd(), DeMinimis = duty.DeMinimis };
        response.Lines.Add(duty.Lines.Select(line => new LineQuote
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
        }));
        return response;
    }

    public override async Task<LookupRatesResponse> LookupRates(LookupRatesRequest request, ServerCallContext context)
    {
        var lookup = await sender.SendAsync(new LookupRates(request.HtsCode, request.OriginCountry, request.ImportingCountry, request.Date.ToDateOnly("date"),
            request.ExportDate?.ToDateOnly("export_date"), WhatIfs(request.WhatIf)), context.CancellationToken);
        var response = new LookupRatesResponse { HtsCode = lookup.HtsCode, Description = lookup.Description };
        response.Rates.Add(lookup.Rates.Select(r => new V1.AppliedRate
        {
            Heading = r.Heading,
            Description = r.Description,
            RateText = r.RateText,
            Measure = r.MeasureId,
            AdValoremPercent = r.Percent?.ToProtoDecimal(),
            ExcludedBy = r.ExcludedBy,
        }));
        return response;
    }

    private static IReadOnlyList<WhatIf> WhatIfs(IEnumerable<WhatIfChange> changes) =>
        [.. changes.Select((c, i) => new WhatIf(
            MeasureRecord.IdOf(c.Measure),
            c.ChangeCase == WhatIfChange.ChangeOneofCase.Suspend && (c.Suspend
                ? true
                : throw new InvalidRequestException("SUSPEND_FALSE", new RequestFieldError($"what_if[{i}].suspend", "must be true; leave the measure out to keep it as it is"))),
            c.ChangeCase == WhatIfChange.ChangeOneofCase.SetRatePercent ? c.SetRatePercent.ToDecimal($"what_if[{i}].set_rate_percent") : null,
            c.EffectiveDate?.ToDateOnly($"what_if[{i}].effective_date")))];

    private static TariffLine ToMessage(TariffLineRecord line) => new()
    {
        Name = TariffLines.NameOf(line),
        Hts8 = line.Hts8,
        Description = line.Description,
        MfnRateText = line.MfnRateText,
        Column2RateText = line.Column2RateText,
        Quantity1Unit = line.Quantity1Unit,
        Quantity2Unit = line.Quantity2Unit,
        ValidFrom = line.ValidFrom.ToProtoDate(),
        ValidTo = line.ValidTo.ToProtoDate(),
    };
}
