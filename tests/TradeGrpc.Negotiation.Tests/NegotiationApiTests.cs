using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.Tests.Talks;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

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
    public async Task GetNegotiation_AskedAgainAndAfterAChange_AnswersTheBytesTheGeneratedCodeWrites()
    {
        // A cached read's answer is written once and its bytes copied after (KeptAnswers); a write's answer is written anew.
        var created = await client.CreateNegotiationAsync(UsChina());
        var get = new GetNegotiationRequest { Name = created.Name };
        var setDelegation = new SetDelegationRequest
        {
            Negotiation = created.Name,
            Delegation = new Delegation { Party = "US", Members = { new DelegationMember { Name = "Robert Lighthizer", Title = "USTR", Lead = true } } },
        };

        var first = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "GetNegotiation", get);
        var again = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "GetNegotiation", get);
        var changed = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "SetDelegation", setDelegation);
        var after = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "GetNegotiation", get);

        Assert.Equal(created.ToByteArray(), first);
        Assert.Equal(first, again);
        var withDelegation = V1.Negotiation.Parser.ParseFrom(changed);
        Assert.Equal("Robert Lighthizer", Assert.Single(Assert.Single(withDelegation.Delegations).Members).Name);
        Assert.Equal(withDelegation.ToByteArray(), changed);
        Assert.Equal(changed, after);
    }

    [Fact]
    public async Task ListStatements_AskedAgainAndAfterAStatement_AnswersTheBytesTheGeneratedCodeWrites()
    {
        var talks = await client.CreateNegotiationAsync(UsChina());
        var list = new ListStatementsRequest { Parent = talks.Name };
        Statement Said(string quote) => new()
        {
            Speaker = new Speaker { Name = "Liu He", Party = "CN" }, Attribution = Attribution.OnTheRecord, Quote = quote,
            StatementDate = new Google.Type.Date { Year = 2019, Month = 10, Day = 11 },
        };
        await client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = Said("Substantial progress.") });

        var first = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "ListStatements", list);
        var again = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "ListStatements", list);
        await client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = Said("Phase one is agreed in principle.") });
        var after = await RawAnswers.CallAsync(fixture.Host.Channel, NegotiationService.Descriptor, "ListStatements", list);

        var page = ListStatementsResponse.Parser.ParseFrom(first);
        Assert.Equal(["Substantial progress."], page.Statements.Select(s => s.Quote));
        Assert.Equal(page.ToByteArray(), first);
        Assert.Equal(first, again);
        var longer = ListStatementsResponse.Parser.ParseFrom(after);
        Assert.Equal(["Substantial progress.", "Phase one is agreed in principle."], longer.Statements.Select(s => s.Quote));
        Assert.Equal(longer.ToByteArray(), after);
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
