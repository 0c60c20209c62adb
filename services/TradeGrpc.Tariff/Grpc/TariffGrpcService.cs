using Grpc.Core;
using TradeGrpc.ServiceDefaults;
using TradeGrpc.ServiceDefaults.Paging;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Grpc;

public sealed partial class TariffGrpcService(TariffLines tariffLines, Domain.ExportControls.ExportLicensing exportLicensing) : TariffService.TariffServiceBase
{
    public override Task<TariffLine> GetTariffLine(GetTariffLineRequest request, ServerCallContext context)
    {
        var asOf = request.AsOf is null ? (DateOnly?)null : request.AsOf.ToDateOnly("as_of");
        return Task.FromResult(ToMessage(tariffLines.Get(request.Name, asOf)));
    }

    public override Task<ListTariffLinesResponse> ListTariffLines(ListTariffLinesRequest request, ServerCallContext context)
    {
        var query = $"code_prefix={request.CodePrefix}";
        var after = PageToken.Decode(request.PageToken, query);
        var size = PageToken.Size(request.PageSize, 100);
        var page = tariffLines.List(request.CodePrefix, after, size + 1);
        var response = new ListTariffLinesResponse();
        response.TariffLines.Add(page.Take(size).Select(ToMessage));
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Encode(query, page[size - 1].Hts8);
        }

        return Task.FromResult(response);
    }

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
