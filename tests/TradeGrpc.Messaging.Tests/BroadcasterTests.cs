namespace TradeGrpc.Messaging.Tests;

public sealed class BroadcasterTests
{
    [Fact]
    public void Publish_MoreThanASubscribersQueueHolds_KeepsTheFirstAndSaysItLaggedOnce()
    {
        var broadcaster = new Broadcaster<int>();
        using var slow = broadcaster.Subscribe();

        for (var i = 1; i <= Broadcaster<int>.Capacity + 5; i++)
        {
            broadcaster.Publish(i);
        }

        var queued = new List<int>();
        while (slow.Reader.TryRead(out var value))
        {
            queued.Add(value);
        }

        Assert.Equal(Enumerable.Range(1, Broadcaster<int>.Capacity), queued);
        Assert.True(slow.TakeLagged());
        Assert.False(slow.TakeLagged());
    }

    [Fact]
    public void Publish_SubscriberThatKeepsUp_NeverLags()
    {
        var broadcaster = new Broadcaster<int>();
        using var reader = broadcaster.Subscribe();

        for (var i = 0; i < Broadcaster<int>.Capacity * 3; i++)
        {
            broadcaster.Publish(i);
            Assert.True(reader.Reader.TryRead(out var value));
            Assert.Equal(i, value);
        }

        Assert.False(reader.TakeLagged());
    }
}
