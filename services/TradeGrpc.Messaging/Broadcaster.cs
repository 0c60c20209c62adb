using System.Collections.Immutable;
using System.Threading.Channels;

namespace TradeGrpc.Messaging;

/// <summary>
/// Fans each published value out to every current subscriber. A subscriber reads at its own
/// pace from an unbounded queue of its own, so a slow stream never holds up a write.
/// </summary>
public sealed class Broadcaster<T>
{
    private ImmutableList<Channel<T>> subscribers = [];

    public Subscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(channel));
        return new Subscription(this, channel);
    }

    public void Publish(T value)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Writer.TryWrite(value);
        }
    }

    /// <summary>One subscriber's queue; dispose it to unsubscribe.</summary>
    public sealed class Subscription(Broadcaster<T> owner, Channel<T> channel) : IDisposable
    {
        public ChannelReader<T> Reader => channel.Reader;

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref owner.subscribers, list => list.Remove(channel));
            channel.Writer.TryComplete();
        }
    }
}
