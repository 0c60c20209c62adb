using System.Globalization;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.Tests.Talks;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Run on each store provider (see ProviderRuns).</summary>
public abstract class NegotiationApiTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private static CreateNegotiationRequest UsChina(string requestId = "") => new()
    {
        Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN" } },
        RequestId = requestId,
    };

    [Fact]
    public async Task CreateNegotiation_ThenGet_AnswersTheStoredNegotiation()
    {
        var created = await client.CreateNegotiationAsync(UsChina());

        var fetched = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = created.Name });

        Assert.StartsWith("negotiations/", created.Name, StringComparison.Ordinal);
        Assert.Equal("US-China trade talks", fetched.Title);
        Assert.Equal(["US", "CN"], fetched.Parties);
        Assert.Equal(NegotiationState.Active, fetched.State);
        Assert.NotNull(fetched.CreateTime);
        Assert.Equal(created, fetched);
    }

    [Fact]
    public async Task CreateNegotiation_SameRequestIdTwice_CreatesOnce()
    {
        var requestId = Guid.NewGuid().ToString();

        var first = await client.CreateNegotiationAsync(UsChina(requestId));
        var second = await client.CreateNegotiationAsync(UsChina(requestId));

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(first.CreateTime, second.CreateTime);
    }

    [Fact]
    public async Task CreateNegotiation_SameRequestIdOtherContent_IsAlreadyExists()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = await client.CreateNegotiationAsync(UsChina(requestId));
        var other = UsChina(requestId);
        other.Negotiation.Title = "Something else";

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateNegotiationAsync(other).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", error.GetErrorInfo()?.Reason);
        Assert.Equal(first.Name, error.GetErrorInfo()?.Metadata["resource"]);
    }

    [Fact]
    public async Task CreateNegotiation_EmptyTitle_IsInvalidArgumentNamingTheField()
    {
        var request = UsChina();
        request.Negotiation.Title = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateNegotiationAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["negotiation.title"], error.GetInvalidFields());
    }

    [Fact]
    public async Task CreateNegotiation_PartyCodesNotTwoLetters_NamesEachBadParty()
    {
        var request = UsChina();
        request.Negotiation.Parties.Clear();
        request.Negotiation.Parties.Add(["USA", "CN", "c1"]);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateNegotiationAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["negotiation.parties[0]", "negotiation.parties[2]"], error.GetInvalidFields());
    }

    [Fact]
    public async Task CreateNegotiation_MissingNegotiationAndBadRequestId_NamesBothFields()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateNegotiationAsync(new CreateNegotiationRequest { RequestId = "not-a-uuid" }).ResponseAsync);

        Assert.Equal(["negotiation", "request_id"], error.GetInvalidFields().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RaiseIssue_SixteenWritersAtOnce_AllSucceedEachNumberedOnce()
    {
        const int Writers = 16;
        var talks = await client.CreateUsChinaAsync();

        var raised = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i => Task.Run(() => client.RaiseAsync(talks, $"Issue {i}"))));
        var listed = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name, PageSize = Writers });

        // Writers of one negotiation take turns on its lock: none is refused, and each takes the next number.
        var byNumber = raised.OrderBy(i => int.Parse(i.Name.Split('/')[^1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, Writers).Select(n => $"{talks.Name}/issues/{n}"), byNumber.Select(i => i.Name));
        Assert.Equal(byNumber, listed.Issues);
    }

    [Fact]
    public async Task GetNegotiation_Unknown_IsNotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetNegotiationAsync(new GetNegotiationRequest { Name = "negotiations/nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NEGOTIATION_NOT_FOUND", error.GetErrorInfo()?.Reason);
        Assert.Equal(NegotiationApp.ErrorDomain, error.GetErrorInfo()?.Domain);
    }

    [Fact]
    public async Task ListNegotiations_SmallPages_ReturnsEachOnceOldestFirst()
    {
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateNegotiationAsync(UsChina())).Name);
        }

        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListNegotiationsAsync(new ListNegotiationsRequest { PageSize = 2, PageToken = token });
            listed.AddRange(page.Negotiations.Select(n => n.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(created, listed.Where(created.Contains));
    }

    [Fact]
    public async Task ListNegotiations_GarbagePageToken_IsInvalidArgumentOnPageToken()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListNegotiationsAsync(new ListNegotiationsRequest { PageToken = "%%%" }).ResponseAsync);

        Assert.Equal(["page_token"], error.GetInvalidFields());
    }
}
