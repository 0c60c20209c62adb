using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class CommitmentTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    /// <summary>China's 2020 agricultural pledge: $12.5B above the 2017 baseline.</summary>
    private static Commitment AgriculturePledge() => new()
    {
        Party = "CN",
        Kind = CommitmentKind.Purchase,
        Description = "Additional purchases of US agricultural goods in 2020.",
        Purchase = new PurchaseTerms
        {
            Category = "agriculture",
            StartDate = Day(2020, 1, 1),
            EndDate = Day(2020, 12, 31),
            Baseline = Usd(24_000_000_000),
            Target = Usd(12_500_000_000),
        },
    };

    /// <summary>The US halving of the List 4A rate to 7.5%.</summary>
    private static Commitment List4AHalved() => new()
    {
        Party = "US",
        Kind = CommitmentKind.TariffConcession,
        Description = "List 4A duty cut from 15% to 7.5%.",
        Concession = new TariffConcession
        {
            Measure = "measures/us-301-list-4a",
            Action = ConcessionAction.SetRate,
            RatePercent = new Google.Type.Decimal { Value = "7.5" },
            EffectiveDate = Day(2020, 2, 14),
        },
    };

    private async Task<Commitment> RecordAsync(V1.Negotiation talks, Commitment commitment, CommitmentState state = CommitmentState.Official) =>
        await client.RecordCommitmentAsync(Record(talks, commitment, state));

    private static RecordCommitmentRequest Record(V1.Negotiation talks, Commitment commitment, CommitmentState state = CommitmentState.Official) =>
        new() { Parent = talks.Name, Commitment = commitment, InitialState = state };

    private static PurchaseRecord Bought(int month, long units, int nanos = 0) => new()
    {
        StartDate = Day(2020, month, 1),
        EndDate = Day(2020, month, 28),
        Amount = Usd(units, nanos),
        Source = "US Census Bureau",
        Basis = PurchaseBasis.AboveBaseline,
    };

    [Fact]
    public async Task RecordCommitment_PurchaseAndConcession_AreNumberedFromOneWithNoDelivery()
    {
        var talks = await client.CreateUsChinaAsync();

        var purchase = await RecordAsync(talks, AgriculturePledge());
        var concession = await RecordAsync(talks, List4AHalved());

        Assert.Equal($"{talks.Name}/commitments/1", purchase.Name);
        Assert.Equal($"{talks.Name}/commitments/2", concession.Name);
        Assert.Equal(AgriculturePledge().Purchase, purchase.Purchase);
        Assert.Equal(List4AHalved().Concession, concession.Concession);
        Assert.Equal(CommitmentState.Official, concession.State);
        Assert.Null(concession.Delivery);
        Assert.NotEmpty(concession.Etag);
        var listed = await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = talks.Name });
        Assert.Equal([purchase, concession], listed.Commitments.OrderBy(c => c.Name, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordCommitment_PurchaseWithoutTerms_IsInvalidArgumentNamingPurchase()
    {
        var talks = await client.CreateUsChinaAsync();
        var commitment = AgriculturePledge();
        commitment.Purchase = null;

        var error = await ErrorOf(client.RecordCommitmentAsync(Record(talks, commitment)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["commitment.purchase"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordCommitment_ConcessionWithoutTerms_IsInvalidArgumentNamingConcession()
    {
        var talks = await client.CreateUsChinaAsync();
        var commitment = List4AHalved();
        commitment.Concession = null;

        var error = await ErrorOf(client.RecordCommitmentAsync(Record(talks, commitment)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["commitment.concession"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordCommitment_SetRateWithoutARate_IsInvalidArgumentNamingTheRate()
    {
        var talks = await client.CreateUsChinaAsync();
        var commitment = List4AHalved();
        commitment.Concession.RatePercent = null;

        var error = await ErrorOf(client.RecordCommitmentAsync(Record(talks, commitment)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["commitment.concession.rate_percent"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordPurchases_TwoPeriods_ProgressSumsThemAgainstTheTarget()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await RecordAsync(talks, AgriculturePledge());

        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought(3, 5_000_000_000) });
        var returned = await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought(4, 1_250_000_000) });
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge.Name });

        Assert.Equal(pledge.Name, progress.Commitment);
        Assert.Equal(Usd(12_500_000_000), progress.Target);
        Assert.Equal(Usd(6_250_000_000), progress.Fulfilled);
        Assert.Equal(50.0, progress.FulfilledPercent);
        Assert.Equal([Bought(3, 5_000_000_000), Bought(4, 1_250_000_000)], progress.Purchases);
        Assert.Equal(progress, returned);
    }

    [Fact]
    public async Task RecordPurchases_CentAmounts_AddUpExactlyInUnitsAndNanos()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = AgriculturePledge();
        pledge.Purchase.Baseline = null;
        pledge.Purchase.Target = Usd(1);
        var recorded = await RecordAsync(talks, pledge);

        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = recorded.Name, Purchase = Bought(1, 0, 100_000_000) });
        await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = recorded.Name, Purchase = Bought(2, 0, 200_000_000) });
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = recorded.Name });

        Assert.Equal(Usd(0, 300_000_000), progress.Fulfilled);
        Assert.Equal(30.0, progress.FulfilledPercent);
    }

    [Fact]
    public async Task RecordPurchases_TotalPastAThousandTrillionDollars_IsInvalidArgumentOnTheAmountAndProgressStillReads()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await RecordAsync(talks, AgriculturePledge());
        // One hundred of the largest amount a request may carry (10 trillion dollars) reach the cap exactly.
        for (var i = 0; i < 100; i++)
        {
            await client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought(1 + (i % 12), 10_000_000_000_000) });
        }

        var error = await ErrorOf(client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = pledge.Name, Purchase = Bought(1, 0, 10_000_000) }));
        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge.Name });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("AMOUNT_OUT_OF_RANGE", error.GetErrorInfo()?.Reason);
        Assert.Equal(["purchase.amount"], error.GetInvalidFields());
        Assert.Equal(Usd(1_000_000_000_000_000), progress.Fulfilled);
        Assert.Equal(100, progress.Purchases.Count);
    }

    [Fact]
    public async Task GetCommitmentProgress_NoPurchasesYet_IsZeroPercentOfTheTarget()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await RecordAsync(talks, AgriculturePledge());

        var progress = await client.GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge.Name });

        Assert.Equal(Usd(12_500_000_000), progress.Target);
        Assert.Equal(0.0, progress.FulfilledPercent);
        Assert.Empty(progress.Purchases);
    }

    [Fact]
    public async Task RecordPurchases_OnATariffConcession_IsFailedPrecondition()
    {
        var talks = await client.CreateUsChinaAsync();
        var concession = await RecordAsync(talks, List4AHalved());

        var error = await ErrorOf(client.RecordPurchasesAsync(new RecordPurchasesRequest { Name = concession.Name, Purchase = Bought(3, 1_000_000) }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task RecordCommitment_WithoutAnInitialState_IsInvalidArgumentNamingIt()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.RecordCommitmentAsync(Record(talks, AgriculturePledge(), CommitmentState.Unspecified)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["initial_state"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordCommitment_AlreadyFulfilled_IsInvalidArgument()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.RecordCommitmentAsync(Record(talks, AgriculturePledge(), CommitmentState.Fulfilled)));

        Assert.Equal(["initial_state"], error.GetInvalidFields());
    }

    [Fact]
    public async Task MakeCommitmentOfficial_AnIndicatedPledge_MovesTheStateAndKeepsTheTerms()
    {
        var talks = await client.CreateUsChinaAsync();
        var indicated = await RecordAsync(talks, AgriculturePledge(), CommitmentState.Indicated);

        var official = await client.MakeCommitmentOfficialAsync(new MakeCommitmentOfficialRequest { Name = indicated.Name });
        var read = await client.GetCommitmentAsync(new GetCommitmentRequest { Name = indicated.Name });

        Assert.Equal(CommitmentState.Indicated, indicated.State);
        Assert.Equal(CommitmentState.Official, official.State);
        Assert.Equal(indicated.Purchase, official.Purchase);
        Assert.NotEqual(indicated.Etag, official.Etag);
        Assert.Equal(official, read);
    }

    [Fact]
    public async Task Transitions_IndicatedProposedOfficialFulfilled_EachMoveTheState()
    {
        var talks = await client.CreateUsChinaAsync();
        var indicated = await RecordAsync(talks, AgriculturePledge(), CommitmentState.Indicated);

        var proposed = await client.ProposeCommitmentAsync(new ProposeCommitmentRequest { Name = indicated.Name });
        var official = await client.MakeCommitmentOfficialAsync(new MakeCommitmentOfficialRequest { Name = indicated.Name });
        var fulfilled = await client.FulfillCommitmentAsync(new FulfillCommitmentRequest { Name = indicated.Name });

        Assert.Equal([CommitmentState.Proposed, CommitmentState.Official, CommitmentState.Fulfilled], [proposed.State, official.State, fulfilled.State]);
    }

    [Fact]
    public async Task WithdrawCommitment_AProposedOne_IsWithdrawnAndCannotBeMadeOfficialAfter()
    {
        var talks = await client.CreateUsChinaAsync();
        var proposed = await RecordAsync(talks, AgriculturePledge(), CommitmentState.Proposed);

        var withdrawn = await client.WithdrawCommitmentAsync(new WithdrawCommitmentRequest { Name = proposed.Name });
        var error = await ErrorOf(client.MakeCommitmentOfficialAsync(new MakeCommitmentOfficialRequest { Name = proposed.Name }));

        Assert.Equal(CommitmentState.Withdrawn, withdrawn.State);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("COMMITMENT_STATE", error.GetErrorInfo()?.Reason);
        Assert.Equal($"{proposed.Name} is WITHDRAWN; it can become OFFICIAL only from INDICATED or PROPOSED.",
            Assert.Single(error.GetPreconditionFailure()!.Violations).Description);
    }

    [Theory]
    [InlineData(CommitmentState.Indicated)]
    [InlineData(CommitmentState.Proposed)]
    public async Task BreakAndFulfill_ACommitmentNotYetOfficial_AreFailedPrecondition(CommitmentState state)
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await RecordAsync(talks, AgriculturePledge(), state);

        var broken = await ErrorOf(client.BreakCommitmentAsync(new BreakCommitmentRequest { Name = pledge.Name }));
        var fulfilled = await ErrorOf(client.FulfillCommitmentAsync(new FulfillCommitmentRequest { Name = pledge.Name }));

        Assert.Equal((StatusCode.FailedPrecondition, StatusCode.FailedPrecondition), (broken.StatusCode, fulfilled.StatusCode));
        Assert.Equal(state, (await client.GetCommitmentAsync(new GetCommitmentRequest { Name = pledge.Name })).State);
    }

    [Fact]
    public async Task ProposeCommitment_RetriedWithItsRequestId_AnswersAsTheFirstTimeAndRecordsOneEvent()
    {
        var talks = await client.CreateUsChinaAsync();
        var indicated = await RecordAsync(talks, AgriculturePledge(), CommitmentState.Indicated);
        var request = new ProposeCommitmentRequest { Name = indicated.Name, RequestId = Guid.NewGuid().ToString() };

        var first = await client.ProposeCommitmentAsync(request);
        var retry = await client.ProposeCommitmentAsync(request);
        var events = await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, Kinds = { EventKind.CommitmentStateChanged } });

        Assert.Equal(first, retry);
        Assert.Single(events.Events);
    }

    [Fact]
    public async Task BreakCommitment_UnknownCommitment_IsNotFoundWithCommitmentNotFound()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.BreakCommitmentAsync(new BreakCommitmentRequest { Name = $"{talks.Name}/commitments/42" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("COMMITMENT_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }
}
