using Grpc.Core;
using TradeGrpc.Commands;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Import;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Grpc;

/// <summary>Translates TariffService calls (the schedule and quotes) into commands and queries and their results back.</summary>
public sealed class TariffGrpcService(Sender sender, PageToken pages) : TariffService.TariffServiceBase
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

        return (await sender.SendAsync(new ImportSchedule(read), cancel)).ToMessage();
    }

    public override async Task<QuoteDutyResponse> QuoteDuty(QuoteDutyRequest request, ServerCallContext context) =>
        (await sender.SendAsync(new QuoteDuty(request.ToEntry()), context.CancellationToken)).ToMessage();

    public override async Task<LookupRatesResponse> LookupRates(LookupRatesRequest request, ServerCallContext context) =>
        (await sender.SendAsync(request.ToQuery(), context.CancellationToken)).ToMessage();
}
