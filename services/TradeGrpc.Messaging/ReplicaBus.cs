using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TradeGrpc.Messaging;

/// <summary>
/// Tells every replica of a service that something changed (a cache tag to drop, a measure to
/// swap in), as protobuf messages. With Redis configured, a message goes to all replicas over a
/// pub/sub channel; without it, only this process hears it. Publishing never waits for Redis:
/// messages go out from a queue, so a Redis that hangs slows no call. <see cref="InStep"/> says
/// whether this replica can trust that it hears the others: while it cannot, what it keeps in
/// memory must be checked against the store. After subscribing (at start, or when Redis is back)
/// the resync handlers run, since news may have been missed; a replica whose own messages could
/// not go out asks the others to resynchronise once Redis takes them again.
/// </summary>
public sealed partial class ReplicaBus : IDisposable
{
    // Messages for this replica's handlers (its own and the others') are handled in order, off
    // Redis's reader thread: a handler that calls Redis itself would otherwise wait on the thread
    // that must read its reply. Messages for the others go out from the outbox, so no caller waits.
    private readonly Channel<IMessage> inbox = Channel.CreateUnbounded<IMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IMessage> outbox = Channel.CreateUnbounded<IMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, MessageDescriptor> known = new();
    private readonly ConcurrentDictionary<MessageDescriptor, List<Func<IMessage, Task>>> handlers = new();
    private readonly Task pump;
    private readonly Task sender;
    private readonly Timer? retry;
    private readonly Timer? resyncAgain;
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
        channel = RedisChannel.Literal($"tradegrpc:{service}:replicas");
        Know(Resync.Descriptor);
        if (redis is not null)
        {
            subscriber = redis.GetSubscriber();
            // Redis may be down or still connecting: subscribe now if it answers, else retry until it does.
            retry = new Timer(_ => Subscribe());
            resyncAgain = new Timer(_ => inbox.Writer.TryWrite(new Resync()));
            redis.ConnectionFailed += (_, _) =>
            {
                Interlocked.Increment(ref outages);
                inStep = false;
            };
            redis.ConnectionRestored += (_, _) =>
            {
                Subscribe();
                inbox.Writer.TryWrite(new Resync());
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

    /// <summary>
    /// True while this replica hears every other replica's news: subscribed, connected, and
    /// resynchronised since Redis was last away. Always true without Redis.
    /// </summary>
    public bool InStep => inStep;

    /// <summary>Calls <paramref name="handler"/> with every <typeparamref name="T"/> published, by this replica or another.</summary>
    public void Subscribe<T>(Func<T, Task> handler)
        where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        Know(descriptor);
        var list = handlers.GetOrAdd(descriptor, _ => []);
        lock (list)
        {
            list.Add(message => handler((T)message));
        }
    }

    /// <summary>Calls <paramref name="handler"/> whenever news from other replicas may have been missed: read the store afresh.</summary>
    public void OnResync(Func<Task> handler) => Subscribe<Resync>(_ => handler());

    /// <summary>
    /// Queues <paramref name="message"/> for this replica's handlers (unless <paramref name="handleHere"/>
    /// is false) and for the other replicas; returns at once.
    /// </summary>
    public void Publish(IMessage message, bool handleHere = true)
    {
        if (handleHere)
        {
            inbox.Writer.TryWrite(message);
        }

        if (subscriber is not null)
        {
            outbox.Writer.TryWrite(message);
        }
    }

    public void Dispose()
    {
        retry?.Dispose();
        resyncAgain?.Dispose();
        inbox.Writer.TryComplete();
        outbox.Writer.TryComplete();
        // Both loops catch what their work throws, so they end when their queue does.
        Task.WaitAll([pump, sender], TimeSpan.FromSeconds(5));
    }

    // The type URL Any.Pack gives the message.
    private void Know(MessageDescriptor descriptor) => known[$"type.googleapis.com/{descriptor.FullName}"] = descriptor;

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
                subscriber.Subscribe(channel, (_, value) => Receive(value));
                subscribed = true;
                // Whatever other replicas said while this one was not listening is lost: start afresh.
                inbox.Writer.TryWrite(new Resync());
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                LogSubscribeLater(logger, ex.Message);
                retry?.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Receive(RedisValue value)
    {
        ReplicaEnvelope envelope;
        try
        {
            envelope = ReplicaEnvelope.Parser.ParseFrom((byte[])value!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            LogUnreadable(logger, ex.Message);
            return;
        }

        // This replica handled its own message when it published it; a message no handler here knows is not for this version.
        if (envelope.Sender != replica && envelope.Message is { } any && known.TryGetValue(any.TypeUrl, out var descriptor))
        {
            inbox.Writer.TryWrite(descriptor.Parser.ParseFrom(any.Value));
        }
    }

    private async Task SendAsync()
    {
        await foreach (var message in outbox.Reader.ReadAllAsync())
        {
            try
            {
                await subscriber!.PublishAsync(channel, new ReplicaEnvelope { Sender = replica, Message = Any.Pack(message) }.ToByteArray());
            }
            catch (ObjectDisposedException)
            {
                // The process is stopping and the connection has gone first.
                return;
            }
            catch (Exception ex)
            {
                // The others did not hear it: they are asked to resynchronise when this replica is back in step.
                messagesLost = true;
                LogPublishFailed(logger, message.Descriptor.Name, ex.Message);
            }
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var message in inbox.Reader.ReadAllAsync())
        {
            var outagesBefore = Volatile.Read(ref outages);
            try
            {
                await DispatchAsync(message);
                if (message is Resync && subscriber is not null)
                {
                    // In step only if Redis did not go away again while the handlers caught up.
                    inStep = subscriber.IsConnected(channel) && Volatile.Read(ref outages) == outagesBefore;
                    if (inStep && messagesLost)
                    {
                        messagesLost = false;
                        outbox.Writer.TryWrite(new Resync());
                    }
                }
            }
            catch (Exception ex)
            {
                LogHandlerFailed(logger, message.Descriptor.Name, ex);
                if (subscriber is not null)
                {
                    // The news is lost (the store may be away): out of step until a resync succeeds.
                    inStep = false;
                    resyncAgain?.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private async Task DispatchAsync(IMessage message)
    {
        if (!handlers.TryGetValue(message.Descriptor, out var list))
        {
            return;
        }

        Func<IMessage, Task>[] current;
        lock (list)
        {
            current = [.. list];
        }

        foreach (var handler in current)
        {
            await handler(message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not subscribed to other replicas yet ({Error}); trying again when Redis connects")]
    private static partial void LogSubscribeLater(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {Message} from another replica failed")]
    private static partial void LogHandlerFailed(ILogger logger, string message, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell the other replicas about {Message}: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string message, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the replica channel is not a replica envelope: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
