using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class CommitmentTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    /// <summary>China's 2020 agricultural pledge: $12.5B above the 2017 baseline.</summary>
    private static Commitment AgriculturePledge(CommitmentStatus status = CommitmentStatus.Official) => new()
    {
        Party = "CN",
        Kind = CommitmentKind.Purchase,
        Status = status,
        Description = "Additional purchases of US agricultural goods in 2020.",
        Purchase = new PurchaseTerms
        {
            Category = "agriculture",
            PeriodStart = Day(2020, 1, 1),
            PeriodEnd = Day(2020, 12, 31),
            Baseline = Usd(24_000_000_000),
            Target = Usd(12_500_000_000),
        },
    };

    /// <summary>The US halving of the List 4A rate to 7.5%.</summary>
    private static Commitment List4AHalved() => new()
    {
        Party = "US",
        Kind = CommitmentKind.TariffConcession,
        Status = CommitmentStatus.Official,
        Description = "List 4A duty cut from 15% to 7.5%.",
        Concession = new TariffConcession
        {
            Measure = "measures/us-301-list-4a",
            Action = ConcessionAction.SetRate,
            RatePercent = new Google.Type.Decimal { Value = "7.5" },
            EffectiveDate = Day(2020, 2, 14),
        },
    };

    private async Task<Commitment> RecordAsync(V1.Negotiation talks, Commitment commitment) =>
        await client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = commitment });

    private static PurchaseRecord Bought(int month, long units, int nanos = 0) => new()
    {
        PeriodStart = Day(2020, month, 1),
        PeriodEnd = Day(2020, month, 28),
        Amount = Usd(units, nanos),
        Source = "US Census Bureau",
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
        Assert.Equal(CommitmentStatus.Official, concession.Status);
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

        var error = await ErrorOf(client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = commitment }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["commitment.purchase"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordCommitment_ConcessionWithoutTerms_IsInvalidArgumentNamingConcession()
    {
        var talks = await client.CreateUsChinaAsync();
        var commitment = List4AHalved();
        commitment.Concession = null;

        var error = await ErrorOf(client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = commitment }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["commitment.concession"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordCommitment_SetRateWithoutARate_IsInvalidArgumentNamingTheRate()
    {
        var talks = await client.CreateUsChinaAsync();
        var commitment = List4AHalved();
        commitment.Concession.RatePercent = null;

        var error = await ErrorOf(client.RecordCommitmentAsync(new RecordCommitmentRequest { Parent = talks.Name, Commitment = commitment }));

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
    public async Task UpdateCommitmentStatus_IndicatedToOfficial_MovesTheStatus()
    {
        var talks = await client.CreateUsChinaAsync();
        var indicated = await RecordAsync(talks, AgriculturePledge(CommitmentStatus.Indicated));

        var official = await client.UpdateCommitmentStatusAsync(
            new UpdateCommitmentStatusRequest { Name = indicated.Name, Status = CommitmentStatus.Official });

        Assert.Equal(CommitmentStatus.Indicated, indicated.Status);
        Assert.Equal(CommitmentStatus.Official, official.Status);
        Assert.Equal(indicated.Purchase, official.Purchase);
        Assert.NotEqual(indicated.Etag, official.Etag);
    }

    [Fact]
    public async Task UpdateCommitmentStatus_UnknownCommitment_IsNotFoundWithCommitmentNotFound()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.UpdateCommitmentStatusAsync(
            new UpdateCommitmentStatusRequest { Name = $"{talks.Name}/commitments/42", Status = CommitmentStatus.Broken }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("COMMITMENT_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }
}
