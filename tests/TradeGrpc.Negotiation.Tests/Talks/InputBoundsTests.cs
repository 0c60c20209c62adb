using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>
/// Input at and past the contract's bounds answers INVALID_ARGUMENT naming the field and changes
/// nothing; run on each store provider (see ProviderRuns).
/// </summary>
public abstract class InputBoundsTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private static async Task AssertInvalidAsync<T>(AsyncUnaryCall<T> call, params string[] fields)
    {
        var error = await ErrorOf(call);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(fields, error.GetInvalidFields());
    }

    /// <summary>China's 2020 pledge on energy: $18.5B above the 2017 baseline of $9.1B.</summary>
    private async Task<Commitment> EnergyPledgeAsync(V1.Negotiation talks) => await client.RecordCommitmentAsync(new RecordCommitmentRequest
    {
        Parent = talks.Name,
        InitialState = CommitmentState.Official,
        Commitment = new Commitment
        {
            Party = "CN",
            Kind = CommitmentKind.Purchase,
            Description = "Additional purchases of US energy in 2020.",
            Purchase = new PurchaseTerms
            {
                Category = "energy",
                StartDate = Day(2020, 1, 1),
                EndDate = Day(2020, 12, 31),
                Baseline = Usd(9_100_000_000),
                Target = Usd(18_500_000_000),
            },
        },
    });

    private static PurchaseRecord BoughtInMarch(long units) => new()
    {
        StartDate = Day(2020, 3, 1),
        EndDate = Day(2020, 3, 31),
        Amount = Usd(units),
        Source = "US Census Bureau",
    };

    [Fact]
    public async Task CreateNegotiation_ThePartyTwiceOnceWithANewline_IsInvalidArgumentOnTheSecond() =>
        await AssertInvalidAsync(client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China trade talks", Parties = { "US", "CN", "US\n" } },
        }), "negotiation.parties[2]");

    [Fact]
    public async Task CreateNegotiation_TitleWithANul_IsInvalidArgumentOnTheTitle() =>
        await AssertInvalidAsync(client.CreateNegotiationAsync(new CreateNegotiationRequest
        {
            Negotiation = new V1.Negotiation { Title = "US-China\0trade talks", Parties = { "US", "CN" } },
        }), "negotiation.title");

    [Theory]
    [InlineData(-1)]
    [InlineData(10_000_000_000_001)]
    [InlineData(9_000_000_000_000_000_000)]
    public async Task RecordPurchases_AmountOutOfRange_IsInvalidArgumentAndLeavesTheProgressAsItWas(long units)
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await EnergyPledgeAsync(talks);
        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = BoughtInMarch(1_000_000_000) });

        await AssertInvalidAsync(client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = BoughtInMarch(units) }), "purchase.amount");
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge.Name });

        Assert.Equal(Usd(1_000_000_000), progress.Fulfilled);
        Assert.Single(progress.Purchases);
    }

    [Fact]
    public async Task RecordPurchases_TenTrillionDollars_IsRecorded()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await EnergyPledgeAsync(talks);

        var progress = await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = BoughtInMarch(10_000_000_000_000) });

        Assert.Equal(Usd(10_000_000_000_000), progress.Fulfilled);
    }
}
