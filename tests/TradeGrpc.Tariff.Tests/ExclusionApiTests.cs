using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Tariff.V1;
using static TradeGrpc.Tariff.Tests.QuoteRequests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Each test excludes a product of its own, so that grants do not change the others' quotes.</summary>
public sealed class ExclusionApiTests(TariffHostFixture fixture) : IClassFixture<TariffHostFixture>
{
    private readonly TariffService.TariffServiceClient client = fixture.Client;

    private readonly MeasureService.MeasureServiceClient measures = fixture.Measures;

    private Task<Exclusion> RequestAsync(string measure, string htsCode, string requestId = "") => measures.RequestExclusionAsync(new RequestExclusionRequest
    {
        RequestId = requestId,
        Exclusion = new Exclusion { Measure = measure, HtsCode = htsCode, Requester = "Acme Imports", ProductDescription = "Parts" },
    }).ResponseAsync;

    private async Task<LineQuote> QuoteAsync(string htsCode, Google.Type.Date entryDate) =>
        (await client.QuoteDutyAsync(Entry("US", entryDate, Line(htsCode, "CN", 10_000)))).Lines[0];

    [Fact]
    public async Task GrantedExclusion_RemovesTheMeasureDutyRetroactivelyWithinItsWindowOnly()
    {
        var requested = await RequestAsync("measures/us-301-list-1", "8411.99.10");
        var granted = await measures.GrantExclusionAsync(new GrantExclusionRequest
        {
            Name = requested.Name, Heading = "9903.88.05", EndDate = Day(2019, 12, 28),
        });

        var during = await QuoteAsync("8411.99.10", Day(2018, 7, 6));
        var after = await QuoteAsync("8411.99.10", Day(2019, 12, 29));

        Assert.Equal(ExclusionState.Pending, requested.State);
        Assert.Equal(ExclusionState.Granted, granted.State);
        Assert.Equal(Day(2018, 7, 6), granted.StartDate);
        Assert.Equal(0m, during.Duty.Dollars());
        Assert.Equal([granted.Name], during.ExclusionsApplied);
        Assert.Equal(2500m, after.Duty.Dollars());
        Assert.Empty(after.ExclusionsApplied);
    }

    [Fact]
    public async Task DeniedExclusion_LeavesTheDuty()
    {
        var requested = await RequestAsync("measures/us-301-list-1", "2845.90.00");
        var denied = await measures.DenyExclusionAsync(new DenyExclusionRequest { Name = requested.Name });

        var quote = await QuoteAsync("2845.90.00", Day(2018, 9, 1));

        Assert.Equal(ExclusionState.Denied, denied.State);
        Assert.Equal(2500m, quote.Duty.Dollars());
    }

    [Fact]
    public async Task GrantExclusion_AfterADenial_IsFailedPreconditionNamingTheState()
    {
        var requested = await RequestAsync("measures/us-301-list-2", "9028.20.00");
        await measures.DenyExclusionAsync(new DenyExclusionRequest { Name = requested.Name });

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.GrantExclusionAsync(
            new GrantExclusionRequest { Name = requested.Name, EndDate = Day(2020, 1, 1) }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("DENIED", Assert.Single(error.GetPreconditionFailure()!.Violations).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantExclusion_WithoutAnEndDate_IsInvalidArgumentOnEndDate()
    {
        var requested = await RequestAsync("measures/us-301-list-2", "9028.30.00");

        var error = await Assert.ThrowsAsync<RpcException>(() => measures.GrantExclusionAsync(
            new GrantExclusionRequest { Name = requested.Name }).ResponseAsync);

        Assert.Equal(["end_date"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RequestExclusion_RetriedWithItsRequestId_CreatesOne()
    {
        var requestId = Guid.NewGuid().ToString();

        var first = await RequestAsync("measures/us-301-list-3", "9403.60.80", requestId);
        var retry = await RequestAsync("measures/us-301-list-3", "9403.60.80", requestId);
        var listed = await measures.ListExclusionsAsync(new ListExclusionsRequest { Measure = "measures/us-301-list-3", State = ExclusionState.Pending });

        Assert.Equal(first.Name, retry.Name);
        Assert.Single(listed.Exclusions, e => e.Name == first.Name);
    }

    [Fact]
    public async Task RequestExclusion_UnknownMeasure_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => RequestAsync("measures/no-such-list", "9403.60.80"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("MEASURE_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }
}
