using Grpc.Core;
using Microsoft.Extensions.Options;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Import;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates TariffService calls (the schedule and quotes) into commands and queries and their results back.</summary>
[BindServiceMethod(typeof(TariffServiceBinding), nameof(TariffServiceBinding.BindService))]
public sealed class TariffGrpcService(Sender sender, PageToken pages, IOptions<ImportOptions> imports) : TariffService.TariffServiceBase
{
    public override async Task<TariffLine> GetTariffLine(GetTariffLineRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetTariffLine(request.Name, request.AsOfDate?.ToDateOnly("as_of_date")), context.CancellationToken)).ToMessage();

    public override async Task<ListTariffLinesResponse> ListTariffLines(ListTariffLinesRequest request, ServerCallContext context)
    {
        var (page, next) = await pages.ReadAsync($"code_prefix={request.CodePrefix}", request.PageToken, request.PageSize,
            (after, limit) => sender.SendAsync(new ListTariffLines(request.CodePrefix, new PageOf(after, limit)), context.CancellationToken), l => l.Hts8);
        return new ListTariffLinesResponse { TariffLines = { page.Select(l => l.ToMessage()) }, NextPageToken = next };
    }

    public override async Task<ImportTariffDataResponse> ImportTariffData(IAsyncStreamReader<ImportTariffDataRequest> requestStream, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        await using var upload = await ImportUpload.ReceiveAsync(requestStream, imports.Value, cancel);
        TariffDatabaseRead read;
        try
        {
            using var file = upload.Open();
            read = UsitcTariffDatabaseReader.Read(file);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new InvalidRequestException("UNREADABLE_FILE", new RequestFieldError("chunk", $"the file is not a USITC tariff database: {ex.Message}"));
        }

        if (read.RowsRead != upload.Header.RowCount)
        {
            throw new InvalidRequestException("ROW_COUNT_MISMATCH", new RequestFieldError("header.row_count",
                $"states {upload.Header.RowCount} rows, but the file holds {read.RowsRead}"));
        }

        return (await sender.SendAsync(new ImportSchedule(read, upload.Header.ValidateOnly), cancel)).ToMessage();
    }

    public override async Task<QuoteDutyResponse> QuoteDuty(QuoteDutyRequest request, ServerCallContext context) =>
        QuoteAnswerWriter.Answer(await sender.SendAsync(new QuoteDuty(request.ToEntry()), context.CancellationToken), context);

    public override async Task<FileEntryResponse> FileEntry(FileEntryRequest request, ServerCallContext context) =>
        (await sender.SendAsync(request.ToCommand(), context.CancellationToken)).ToMessage();

    public override async Task<FileEntryResponse> GetEntry(GetEntryRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new GetEntry(request.Name), context.CancellationToken)).ToMessage();

    public override async Task<QuoteScenariosResponse> QuoteScenarios(QuoteScenariosRequest request, ServerCallContext context) =>
        (await sender.SendAsync(request.ToQuery(), context.CancellationToken)).ToMessage();

    public override async Task<LookupRatesResponse> LookupRates(LookupRatesRequest request, ServerCallContext context)
    {
        var lookup = await sender.SendAsync(request.ToQuery(), context.CancellationToken);
        // A lookup without what-if changes is remembered for the book's snapshot, so its answer can be too.
        return request.WhatIf.Count == 0 ? LookupAnswers.Remembered(lookup) : lookup.ToMessage();
    }
}
