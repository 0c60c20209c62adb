using System.Net;
using System.Text.Json;
using Google.Rpc;
using TradeGrpc.Audit.V1;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>The tariff host's REST/JSON surface on its HTTP/1.1 port, called with a plain HttpClient.</summary>
[Collection(SharedTariffHost.Name)]
public sealed class RestApiTests(TariffHostFixture fixture)
{
    private readonly HttpClient rest = fixture.Host.HttpClientAs(TestAuthority.Superuser);

    [Fact]
    public async Task QuoteDuty_GasMetersOfChinaAfterListTwo_OwesWhatTheGrpcQuoteOwes()
    {
        // The README's first walkthrough step, as curl sends it.
        using var response = await rest.PostJsonAsync("/v1/tariff:quoteDuty", """
            {"importing_country": "US", "entry_date": {"year": 2018, "month": 9, "day": 1},
             "lines": [{"hts_code": "9028.10.00", "origin_country": "CN", "customs_value": {"currency_code": "USD", "units": 5000},
                        "quantities": [{"unit": "NO", "value": {"value": "100"}}]}]}
            """);
        var grpc = await fixture.Client.QuoteDutyAsync(Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("NO", 100))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var quote = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // int64 travels as a JSON string, as protobuf's JSON mapping has it.
        Assert.Equal("1391", quote.RootElement.GetProperty("totalDuty").GetProperty("units").GetString());
        Assert.Equal(grpc.TotalDuty.Units.ToString(System.Globalization.CultureInfo.InvariantCulture), quote.RootElement.GetProperty("totalDuty").GetProperty("units").GetString());
        Assert.Equal(["16 cents each + 2.5%", "25%"], quote.RootElement.GetProperty("lines")[0].GetProperty("components").EnumerateArray().Select(c => c.GetProperty("rateText").GetString()));
    }

    [Fact]
    public async Task GetTariffLine_UnknownCode_Is404WithTheErrorInfo()
    {
        using var response = await rest.GetAsync(new Uri("/v1/tariffLines/99999999", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await response.ReadStatusAsync();
        Assert.Equal((int)global::Grpc.Core.StatusCode.NotFound, status.Code);
        var info = status.Detail<ErrorInfo>();
        Assert.Equal(("TARIFF_LINE_NOT_FOUND", TariffApp.ErrorDomain), (info.Reason, info.Domain));
        Assert.Equal("tariffLines/99999999", info.Metadata["resource"]);
    }

    [Fact]
    public async Task QuoteDuty_ImportingCountryOutsideTheList_Is400NamingTheField()
    {
        using var response = await rest.PostJsonAsync("/v1/tariff:quoteDuty", """
            {"importing_country": "FR", "entry_date": {"year": 2018, "month": 9, "day": 1},
             "lines": [{"hts_code": "9028.10.00", "origin_country": "CN", "customs_value": {"currency_code": "USD", "units": 5000}}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadStatusAsync();
        Assert.Equal("INVALID_REQUEST", status.Detail<ErrorInfo>().Reason);
        Assert.Contains("importing_country", status.Detail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task GetTariffLine_WithoutToken_Is401WithTheReason()
    {
        using var anonymous = fixture.Host.HttpClientAs(null);

        using var response = await anonymous.GetAsync(new Uri("/v1/tariffLines/90281000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("CREDENTIALS_MISSING", (await response.ReadStatusAsync()).Detail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task GetTariffLine_CallerWithoutTariffRead_Is403NamingThePermission()
    {
        using var auditor = fixture.Host.HttpClientAs(TestAuthority.Token("reviewer", ["auditor"]));

        using var response = await auditor.GetAsync(new Uri("/v1/tariffLines/90281000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var info = (await response.ReadStatusAsync()).Detail<ErrorInfo>();
        Assert.Equal("tariff.read", info.Metadata["permission"]);
    }

    [Fact]
    public async Task GetTariffLine_OverGrpcWeb_AnswersAsOverGrpc()
    {
        using var channel = fixture.Host.GrpcWebChannel(TestAuthority.Superuser);

        var line = await new TariffService.TariffServiceClient(channel).GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });

        Assert.Equal("16 cents each + 2.5%", line.MfnRateText);
    }

    [Fact]
    public async Task QuoteDuty_OverGrpcWeb_AnswersAsOverGrpc()
    {
        // The answer's own writer (QuoteAnswerWriter) through the gRPC-Web framing.
        using var channel = fixture.Host.GrpcWebChannel(TestAuthority.Superuser);
        var request = Entry("US", Day(2018, 9, 1), Line("9028.10.00", "CN", 5000, ("NO", 100)));

        var quote = await new TariffService.TariffServiceClient(channel).QuoteDutyAsync(request);

        Assert.Equal(await fixture.Client.QuoteDutyAsync(request), quote);
        Assert.Equal(1391, quote.TotalDuty.Units);
    }

    [Fact]
    public async Task OpenApi_TariffHost_IsOpenApi3ListingEveryMethod()
    {
        var document = await fixture.Host.ReadOpenApiAsync();

        Assert.Empty(document.MissingOperations(TariffService.Descriptor, MeasureService.Descriptor, ExportControlService.Descriptor,
            AuditService.Descriptor, DiagnosticsService.Descriptor));
        Assert.Equal("Returns one subheading of the schedule.", document.Paths["/v1/tariffLines/{tariffLine}"].Operations[Microsoft.OpenApi.Models.OperationType.Get].Summary);
    }
}
