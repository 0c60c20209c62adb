using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Domain;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Outbox claims made at once, as by replicas sharing the store.</summary>
public sealed class OutboxClaimTests
{
    // Far ahead of the clock, so that the host's own relay never finds these items due.
    private static readonly DateTimeOffset Due = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.PostgreSql)]
    public async Task ConcurrentClaims_NeverReturnTheSameItem(StoreProvider provider)
    {
        const int Items = 40;
        await using var store = await TestStore.StartAsync(provider, "Negotiation");
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, store.Settings);
        var negotiations = host.Services.GetRequiredService<ITalksStore>();
        await using (var transaction = await negotiations.BeginAsync(CancellationToken.None))
        {
            await transaction.InsertAsync(new Domain.Negotiation("outbox-claims", "Claims", ["US", "CN"], [], NegotiationState.Active, Due, Due, 1), CancellationToken.None);
            for (var i = 0; i < Items; i++)
            {
                await transaction.EnqueueAsync(new OutboxItem($"commitment-{i}", $"request-{i}", Due), CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        var claimed = new List<ClaimedOutboxItem>();
        IReadOnlyList<ClaimedOutboxItem>[] round;
        do
        {
            round = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => negotiations.ClaimDueOutboxAsync(Due, Due.AddYears(1), 3, CancellationToken.None))));
            claimed.AddRange(round.SelectMany(r => r));
        }
        while (round.Any(r => r.Count > 0));

        Assert.Equal(Items, claimed.Count);
        Assert.Equal(Items, claimed.Select(c => c.Item.Commitment).Distinct().Count());
    }
}
