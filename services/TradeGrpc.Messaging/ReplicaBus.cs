using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TradeGrpc.Messaging;

/// <summary>
/// Tells every replica of a service that something changed (a cache tag to drop, a book to
/// reload). With Redis configured, a message goes to all replicas over a pub/sub channel;
/// without it, only this process hears it. Publishing never waits for Redis: messages go out
/// from a queue, so a Redis that hangs slows no call. <see cref="InStep"/> says whether this
/// replica can trust that it hears the others: while it cannot, what it keeps in memory must be
/// checked against the store. A replica whose messages could not go out asks the others to
/// resynchronise once Redis takes them again.
/// </summary>
public sealed partial class ReplicaBus : IDisposable
{
    /// <summary>Handled here after subscribing (at start, or after Redis was away): news from other replicas may have been missed.</summary>
    public const string ResyncTopic = "resync";

    // Topics for this replica's handlers (its own and the others') are handled in order, off
    // Redis's reader thread: a handler that calls Redis itself would otherwise wait on the thread
    // that must read its reply. Topics for the others go out from the outbox, so no caller waits.
    private readonly Channel<string> inbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<string> outbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;
    private readonly Task sender;
    private readonly Timer? retry;
    private readonly Timer? resyncAgain;
    private readonly List<Func<string, Task>> handlers = [];
    private readonly string replica = Guid.NewGuid().ToString("N");
    private readonly ISubscriber? subscriber;
    private readonly RedisChannel channel;
    private readonly ILogger<ReplicaBus> logger;
    private bool subscribed;
    private volatile bool inStep;
    private volatile bool messagesLost;
    private int outages;

    public ReplicaBus(string service, IConnectionMultiplexer? redis, ILogger<ReplicaBus> logger)
    {
        this.logger = logger;
        channel = RedisChannel.Literal($"tradegrpc:{service}:changes");
        if (redis is not null)
        {
            subscriber = redis.GetSubscriber();
            // Redis may be down or still connecting: subscribe now if it answers, else retry until it does.
            retry = new Timer(_ => Subscribe());
            resyncAgain = new Timer(_ => inbox.Writer.TryWrite(ResyncTopic));
            redis.ConnectionFailed += (_, _) =>
            {
                Interlocked.Increment(ref outages);
                inStep = false;
            };
            redis.ConnectionRestored += (_, _) =>
            {
                Subscribe();
                inbox.Writer.TryWrite(ResyncTopic);
            };
            Subscribe();
        }
        else
        {
            // Without Redis there are no other replicas to hear.
            inStep = true;
        }

        pump = Task.Run(PumpAsync);
        sender = Task.Run(SendAsync);
    }

    private void Subscribe()
    {
        lock (inbox)
        {
            if (subscribed || subscriber is null)
            {
                return;
            }

            try
            {
                subscriber.Subscribe(channel, (_, message) =>
                {
                    var text = message.ToString();
                    var separator = text.IndexOf('\n', StringComparison.Ordinal);
                    // This replica handled its own message when it published it.
                    if (separator > 0 && text[..separator] != replica)
                    {
                        inbox.Writer.TryWrite(text[(separator + 1)..]);
                    }
                });
                subscribed = true;
                // Whatever other replicas said while this one was not listening is lost: start afresh.
                inbox.Writer.TryWrite(ResyncTopic);
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                LogSubscribeLater(logger, ex.Message);
                retry?.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// True while this replica hears every other replica's news: subscribed, connected, and
    /// resynchronised since Redis was last away. Always true without Redis.
    /// </summary>
    public bool InStep => inStep;

    public void Dispose()
    {
        retry?.Dispose();
        resyncAgain?.Dispose();
        inbox.Writer.TryComplete();
        outbox.Writer.TryComplete();
        pump.Wait(TimeSpan.FromSeconds(5));
        sender.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>Calls <paramref name="handler"/> with every topic published, by this replica or another.</summary>
    public void OnPublished(Func<string, Task> handler)
    {
        lock (handlers)
        {
            handlers.Add(handler);
        }
    }

    /// <summary>
    /// Queues <paramref name="topic"/> for this replica's handlers (unless <paramref name="handleHere"/>
    /// is false) and for the other replicas; returns at once.
    /// </summary>
    public void Publish(string topic, bool handleHere = true)
    {
        if (handleHere)
        {
            inbox.Writer.TryWrite(topic);
        }

        if (subscriber is not null)
        {
            outbox.Writer.TryWrite(topic);
        }
    }

    private async Task SendAsync()
    {
        await foreach (var topic in outbox.Reader.ReadAllAsync())
        {
            try
            {
                await subscriber!.PublishAsync(channel, $"{replica}\n{topic}");
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                // The others did not hear it: they are asked to resynchronise when this replica is back in step.
                messagesLost = true;
                LogPublishFailed(logger, topic, ex.Message);
            }
            catch (ObjectDisposedException)
            {
                // The process is stopping and the connection has gone first.
                return;
            }
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var topic in inbox.Reader.ReadAllAsync())
        {
            var outagesBefore = Volatile.Read(ref outages);
            try
            {
                await DispatchAsync(topic);
                if (topic == ResyncTopic && subscriber is not null)
                {
                    // In step only if Redis did not go away again while the handlers caught up.
                    inStep = subscriber.IsConnected(channel) && Volatile.Read(ref outages) == outagesBefore;
                    if (inStep && messagesLost)
                    {
                        messagesLost = false;
                        outbox.Writer.TryWrite(ResyncTopic);
                    }
                }
            }
            catch (Exception ex)
            {
                LogHandlerFailed(logger, topic, ex);
                if (subscriber is not null)
                {
                    // The news is lost (the store may be away): out of step until a resync succeeds.
                    inStep = false;
                    resyncAgain?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private async Task DispatchAsync(string topic)
    {
        Func<string, Task>[] current;
        lock (handlers)
        {
            current = [.. handlers];
        }

        foreach (var handler in current)
        {
            await handler(topic);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not subscribed to other replicas yet ({Error}); trying again when Redis connects")]
    private static partial void LogSubscribeLater(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Topic} from another replica failed")]
    private static partial void LogHandlerFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell the other replicas about {Topic}: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string error);
}
