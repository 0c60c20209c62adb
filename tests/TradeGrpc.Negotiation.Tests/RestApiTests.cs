using System.Net;
using System.Text.Json;
using Google.Rpc;
using TradeGrpc.Audit.V1;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>The negotiation host's REST/JSON surface and gRPC-Web on its HTTP/1.1 port, and its CORS.</summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class RestApiTests(NegotiationHostFixture fixture)
{
    private const string Origin = "https://talks.example.org";

    private readonly HttpClient rest = fixture.Host.HttpClientAs(TestAuthority.Superuser);

    private static string UsJapan(string requestId) =>
        $$"""{"negotiation": {"title": "US-Japan trade talks", "parties": ["US", "JP"]}, "request_id": "{{requestId}}"}""";

    private async Task<JsonElement> CreateAsync(string requestId)
    {
        using var response = await rest.PostJsonAsync("/v1/negotiations", UsJapan(requestId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task CreateNegotiation_SameRequestIdTwice_CreatesOnce()
    {
        var requestId = Guid.NewGuid().ToString();

        var first = await CreateAsync(requestId);
        var second = await CreateAsync(requestId);

        Assert.StartsWith("negotiations/", first.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(first.GetProperty("name").GetString(), second.GetProperty("name").GetString());
        Assert.Equal(first.GetProperty("createTime").GetString(), second.GetProperty("createTime").GetString());
    }

    [Fact]
    public async Task CreateNegotiation_EmptyTitle_Is400NamingTheField()
    {
        using var response = await rest.PostJsonAsync("/v1/negotiations", """{"negotiation": {"title": "", "parties": ["US", "CN"]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadStatusAsync();
        Assert.Equal((int)global::Grpc.Core.StatusCode.InvalidArgument, status.Code);
        Assert.Equal(["negotiation.title"], status.Detail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task GetNegotiation_Unknown_Is404WithTheErrorInfo()
    {
        using var response = await rest.GetAsync(new Uri("/v1/negotiations/no-such-talks", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var info = (await response.ReadStatusAsync()).Detail<ErrorInfo>();
        Assert.Equal(("NEGOTIATION_NOT_FOUND", NegotiationApp.ErrorDomain), (info.Reason, info.Domain));
    }

    [Fact]
    public async Task WatchNegotiation_OverHttp_StreamsEachEventAsALineOfJson()
    {
        var name = (await CreateAsync(Guid.NewGuid().ToString())).GetProperty("name").GetString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await rest.GetAsync(new Uri($"/v1/{name}:watch?afterSequence=0", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var created = JsonDocument.Parse(first!);
        Assert.Equal("EVENT_KIND_NEGOTIATION_CREATED", created.RootElement.GetProperty("kind").GetString());
        Assert.Equal(name, created.RootElement.GetProperty("negotiation").GetString());
    }

    [Fact]
    public async Task WatchNegotiation_OverHttpPastMaxStreamDuration_IsEndedByTheHost()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string> { ["Limits:MaxStreamDuration"] = "00:00:01" });
        using var caller = host.HttpClientAs(TestAuthority.Superuser);
        using var created = await caller.PostJsonAsync("/v1/negotiations", UsJapan(Guid.NewGuid().ToString()));
        var name = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await caller.GetAsync(new Uri($"/v1/{name}:watch?afterSequence=0", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var lines = new List<string>();
        // A quiet watch ends only when the host ends it: the test's own timeout would fail the read instead.
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        // The event, then the status the stream ended with, as its last line.
        Assert.Equal(2, lines.Count);
        Assert.Contains("EVENT_KIND_NEGOTIATION_CREATED", lines[0], StringComparison.Ordinal);
        var status = RestCalls.ParseStatus(lines[1]);
        Assert.Equal((int)global::Grpc.Core.StatusCode.DeadlineExceeded, status.Code);
        Assert.Equal("DEADLINE_EXCEEDED", status.Detail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task CreateNegotiation_OverGrpcWeb_CreatesOnceForARequestId()
    {
        using var channel = fixture.Host.GrpcWebChannel(TestAuthority.Superuser);
        var client = new NegotiationService.NegotiationServiceClient(channel);
        var request = new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-Japan trade talks", Parties = { "US", "JP" } },
            RequestId = Guid.NewGuid().ToString(),
        };

        var first = await client.CreateNegotiationAsync(request);
        var second = await client.CreateNegotiationAsync(request);

        Assert.Equal(first.Name, second.Name);
    }

    [Fact]
    public async Task Preflight_NoOriginConfigured_GetsNoCorsHeaders()
    {
        using var response = await PreflightAsync(fixture.Host);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ConfiguredOrigin_IsAllowedAndSeesTheGrpcStatus()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string> { ["Cors:AllowedOrigins:0"] = Origin });

        using var preflight = await PreflightAsync(host);
        using var caller = host.HttpClientAs(TestAuthority.Superuser);
        using var call = new HttpRequestMessage(HttpMethod.Get, "/v1/negotiations") { Headers = { { "Origin", Origin } } };
        using var answer = await caller.SendAsync(call);

        Assert.Equal([Origin], preflight.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("x-grpc-web", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal([Origin], answer.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Contains("grpc-status", answer.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_NegotiationHost_IsOpenApi3ListingEveryMethod()
    {
        var document = await fixture.Host.ReadOpenApiAsync();

        Assert.Empty(document.MissingOperations(NegotiationService.Descriptor, AuditService.Descriptor, DiagnosticsService.Descriptor));
    }

    /// <summary>What a browser asks before a gRPC-Web call from a page of <see cref="Origin"/>.</summary>
    private static async Task<HttpResponseMessage> PreflightAsync(ServiceHost host)
    {
        using var client = host.HttpClientAs(null);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/trade.negotiation.v1.NegotiationService/GetNegotiation")
        {
            Headers =
            {
                { "Origin", Origin },
                { "Access-Control-Request-Method", "POST" },
                { "Access-Control-Request-Headers", "authorization,content-type,x-grpc-web" },
            },
        };
        return await client.SendAsync(request);
    }
}
