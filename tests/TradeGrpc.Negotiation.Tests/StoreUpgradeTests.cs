using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>A store made before purchases said what their amounts count is upgraded on its next start, with nothing recorded read otherwise.</summary>
public sealed class StoreUpgradeTests
{
    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task GetCommitmentProgress_PurchasesRecordedBeforeTheBasis_ReadAsAboveTheBaselineAfterTheUpgrade(StoreProvider provider)
    {
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        string pledge;
        await using (var first = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings))
        {
            var client = new NegotiationService.NegotiationServiceClient(first.Channel);
            var talks = await client.CreateUsChinaAsync();
            pledge = (await client.RecordCommitmentAsync(new RecordCommitmentRequest
            {
                Parent = talks.Name, InitialState = CommitmentState.Official,
                Commitment = new Commitment
                {
                    Party = "CN", Kind = CommitmentKind.Purchase,
                    Purchase = new PurchaseTerms
                    {
                        Category = "energy", StartDate = Day(2020, 1, 1), EndDate = Day(2020, 12, 31), Baseline = Usd(7_649_222_398), Target = Usd(18_500_000_000),
                    },
                },
            })).Name;
            await client.RecordPurchasesAsync(new RecordPurchasesRequest
            {
                Name = pledge, Purchase = new PurchaseRecord { StartDate = Day(2020, 1, 1), EndDate = Day(2020, 12, 31), Amount = Usd(1_148_473_636) },
            });
        }

        // The purchases table as it stood before 0008.
        await store.ExecuteAsync("negotiation", "ALTER TABLE purchases DROP COLUMN basis; ALTER TABLE purchases DROP COLUMN hs_code");
        await store.ExecuteAsync("negotiation", $"DELETE FROM {Storage.Migrations.JournalTable} WHERE scriptname = '0008_purchase_basis'");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);

        var progress = await new NegotiationService.NegotiationServiceClient(host.Channel).GetCommitmentProgressAsync(new GetCommitmentProgressRequest { Name = pledge });

        // 1,148,473,636 above the 7,649,222,398 baseline: 8,797,696,034 bought, / 26,149,222,398 = 33.64%; 1,148,473,636 / 18.5B = 6.21%.
        Assert.Equal((PurchaseBasis.AboveBaseline, ""), (progress.Purchases.Single().Basis, progress.Purchases.Single().HsCode));
        Assert.Equal((Usd(8_797_696_034), 33.6, 6.2), (progress.Purchased, progress.PurchasedPercent, progress.FulfilledPercent));
    }
}
