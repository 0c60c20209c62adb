using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Tariff.Tests;

[Collection(SharedTariffHost.Name)]
public sealed class TariffLineApiTests(TariffHostFixture fixture)
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    [Fact]
    public async Task GetTariffLine_GasMeters_AnswersDescriptionAndRateAsPublished()
    {
        var line = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });

        Assert.Equal("tariffLines/90281000", line.Name);
        Assert.Equal("Gas supply or production meters, including calibrating meters thereof", line.Description);
        Assert.Equal("16 cents each + 2.5%", line.MfnRateText);
        Assert.Equal("NO", line.Quantity1Unit);
    }

    [Fact]
    public async Task GetTariffLine_CodeWithTwoWindows_AnswersTheRowInForceOnTheDate()
    {
        var first = await client.GetTariffLineAsync(new GetTariffLineRequest
        {
            Name = "tariffLines/03063320",
            AsOfDate = new Google.Type.Date { Year = 2017, Month = 3, Day = 1 },
        });
        var latest = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/03063320" });

        Assert.Equal(new Google.Type.Date { Year = 2017, Month = 6, Day = 30 }, first.EndDate);
        Assert.Equal(new Google.Type.Date { Year = 2017, Month = 7, Day = 1 }, latest.StartDate);
    }

    [Fact]
    public async Task GetTariffLine_UnknownCode_IsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281001" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var info = error.GetErrorInfo();
        Assert.NotNull(info);
        Assert.Equal("TARIFF_LINE_NOT_FOUND", info.Reason);
        Assert.Equal(TariffApp.ErrorDomain, info.Domain);
        Assert.Equal("tariffLines/90281001", info.Metadata["resource"]);
    }

    [Fact]
    public async Task GetTariffLine_NameThatIsNotEightDigits_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/9028.10.00" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["name"], error.GetInvalidFields());
        Assert.Equal("INVALID_REQUEST", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task GetTariffLine_ImpossibleDate_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetTariffLineAsync(new GetTariffLineRequest
        {
            Name = "tariffLines/90281000",
            AsOfDate = new Google.Type.Date { Year = 2019, Month = 2, Day = 30 },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["as_of_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ListTariffLines_PrefixWithDots_PagesThroughEveryCodeOnceInOrder()
    {
        var codes = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await client.ListTariffLinesAsync(new ListTariffLinesRequest { CodePrefix = "9028.", PageSize = 2, PageToken = token });
            codes.AddRange(page.TariffLines.Select(l => l.Hts8));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(["90281000", "90282000", "90283000", "90289000"], codes);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task ListTariffLines_TokenFromAnotherPrefix_IsInvalidArgumentOnPageToken()
    {
        var first = await client.ListTariffLinesAsync(new ListTariffLinesRequest { CodePrefix = "01", PageSize = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListTariffLinesAsync(
            new ListTariffLinesRequest { CodePrefix = "02", PageSize = 1, PageToken = first.NextPageToken }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["page_token"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ListTariffLines_NegativePageSize_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListTariffLinesAsync(new ListTariffLinesRequest { PageSize = -1 }).ResponseAsync);

        Assert.Equal(["page_size"], error.GetInvalidFields());
    }
}
