using System.Collections.Immutable;
using System.Threading.Channels;

namespace TradeGrpc.Messaging;

/// <summary>
/// Fans each published value out to every current subscriber. A subscriber reads at its own pace
/// from a queue of its own, so a slow stream never holds up a write; the queue holds at most
/// <see cref="Capacity"/> values, and a subscriber that falls that far behind misses the newest
/// and is told so (<see cref="Subscription.TakeLagged"/>), to read what it missed from where it is kept.
/// </summary>
public sealed class Broadcaster<T>
{
    /// <summary>The most values one subscriber's queue holds.</summary>
    public const int Capacity = 1024;

    private ImmutableList<Subscription> subscribers = [];

    /// <summary>The subscribers now: the streams watching.</summary>
    public int SubscriberCount => Volatile.Read(ref subscribers).Count;

    public Subscription Subscribe()
    {
        var subscription = new Subscription(this, Channel.CreateBounded<T>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        }));
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(subscription));
        return subscription;
    }

    public void Publish(T value)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber.Offer(value);
        }
    }

    /// <summary>One subscriber's queue; dispose it to unsubscribe.</summary>
    public sealed class Subscription(Broadcaster<T> owner, Channel<T> channel) : IDisposable
    {
        private int lagged;

        public ChannelReader<T> Reader => channel.Reader;

        /// <summary>Whether values were dropped for this subscriber since it last asked (its queue was full); asking clears it.</summary>
        public bool TakeLagged() => Interlocked.Exchange(ref lagged, 0) == 1;

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref owner.subscribers, list => list.Remove(this));
            channel.Writer.TryComplete();
        }

        internal void Offer(T value)
        {
            // A full queue refuses the write rather than wait (FullMode Wait makes TryWrite say so).
            if (!channel.Writer.TryWrite(value))
            {
                Volatile.Write(ref lagged, 1);
            }
        }
    }
}
