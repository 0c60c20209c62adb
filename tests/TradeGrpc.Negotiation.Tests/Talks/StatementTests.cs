using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class StatementTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private static Statement GoodWillGesture() => new()
    {
        Speaker = new Speaker { Party = "CN" },
        Attribution = Attribution.PersonFamiliar,
        Quote = "Purchases of US farm goods are a good-will gesture.",
        StatementDate = Day(2019, 7, 23),
        Source = "Dow Jones Newswires, 2019-07-23",
    };

    private static Statement Lighthizers(string quote, int day) => new()
    {
        Speaker = new Speaker { Name = Lighthizer, Title = "United States Trade Representative", Party = "US" },
        Attribution = Attribution.OnTheRecord,
        Quote = quote,
        StatementDate = Day(2019, 5, day),
    };

    private async Task<Statement> RecordAsync(V1.Negotiation talks, Statement statement) =>
        await client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = statement });

    [Fact]
    public async Task RecordStatement_AnonymousSource_ReturnsItWithItsName()
    {
        var talks = await client.CreateUsChinaAsync();

        var recorded = await RecordAsync(talks, GoodWillGesture());

        Assert.Equal($"{talks.Name}/statements/1", recorded.Name);
        var expected = GoodWillGesture();
        expected.Name = recorded.Name;
        Assert.Equal(expected, recorded);
    }

    [Fact]
    public async Task RecordStatement_LinkedToAnIssueAndACommitment_KeepsTheLinks()
    {
        var talks = await client.CreateUsChinaAsync();
        var soybeans = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);
        var pledge = await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name,
            InitialState = CommitmentState.Indicated,
            Commitment = new Commitment
            {
                Party = "CN",
                Kind = CommitmentKind.Purchase,
                Purchase = new PurchaseTerms
                {
                    Category = "soybeans",
                    StartDate = Day(2019, 7, 1),
                    EndDate = Day(2019, 12, 31),
                    Target = Usd(1_000_000_000),
                },
            },
        });
        var statement = GoodWillGesture();
        statement.Issues.Add(soybeans.Name);
        statement.Commitments.Add(pledge.Name);

        var recorded = await RecordAsync(talks, statement);

        Assert.Equal([soybeans.Name], recorded.Issues);
        Assert.Equal([pledge.Name], recorded.Commitments);
    }

    [Fact]
    public async Task RecordStatement_LinkToAnIssueThatDoesNotExist_IsNotFoundWithIssueNotFound()
    {
        var talks = await client.CreateUsChinaAsync();
        var statement = GoodWillGesture();
        statement.Issues.Add($"{talks.Name}/issues/3");

        var error = await ErrorOf(client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = statement }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ISSUE_NOT_FOUND", error.GetErrorInfo()?.Reason);
        Assert.Empty((await client.ListStatementsAsync(new ListStatementsRequest { Parent = talks.Name })).Statements);
    }

    [Fact]
    public async Task RecordStatement_LinkToACommitmentThatDoesNotExist_IsNotFoundWithCommitmentNotFound()
    {
        var talks = await client.CreateUsChinaAsync();
        var statement = GoodWillGesture();
        statement.Commitments.Add($"{talks.Name}/commitments/1");

        var error = await ErrorOf(client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = statement }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("COMMITMENT_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task RecordStatement_EmptyQuote_IsInvalidArgumentNamingTheQuote()
    {
        var talks = await client.CreateUsChinaAsync();
        var statement = GoodWillGesture();
        statement.Quote = "";

        var error = await ErrorOf(client.RecordStatementAsync(new RecordStatementRequest { Parent = talks.Name, Statement = statement }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["statement.quote"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ListStatements_ThreeRecorded_ComeBackInRecordingOrder()
    {
        var talks = await client.CreateUsChinaAsync();
        // Recorded out of date order: the listing follows the recording, not the date.
        var backedAway = await RecordAsync(talks, Lighthizers("China backed away from commitments.", 6));
        var goodWill = await RecordAsync(talks, GoodWillGesture());
        var constructive = await RecordAsync(talks, Lighthizers("Talks were constructive.", 1));

        var listed = await client.ListStatementsAsync(new ListStatementsRequest { Parent = talks.Name });

        Assert.Equal([backedAway.Name, goodWill.Name, constructive.Name], listed.Statements.Select(s => s.Name));
        Assert.Equal([$"{talks.Name}/statements/1", $"{talks.Name}/statements/2", $"{talks.Name}/statements/3"],
            listed.Statements.Select(s => s.Name));
    }
}
