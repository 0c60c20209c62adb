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
/// not go out asks the others to resynchronise once Redis takes them again. Every message on the
/// channel is signed with a key the service's replicas share (<see cref="EnvelopeSeal"/>), and one
/// that does not verify is dropped: anyone who can reach Redis can publish, but only a replica can
/// make a message the others act on. A replica listens and sends only once it has the key, and is
/// out of step until then.
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
    private readonly CancellationTokenSource disposing = new();
    private readonly Task<EnvelopeSeal>? seal;
    private bool subscribed;
    private volatile bool inStep;
    private volatile bool messagesLost;
    private int outages;
    private long rejected;
    private long rejectionLoggedAt;

    /// <param name="service">The service whose replicas talk: its name names the channel.</param>
    /// <param name="redis">Redis, or null for a replica alone.</param>
    /// <param name="key">The key the service's replicas sign their messages with; asked again every second until it answers (from a store still starting, say). Not asked without Redis.</param>
    /// <param name="logger">Where outages and dropped messages are logged.</param>
    public ReplicaBus(string service, IConnectionMultiplexer? redis, Func<CancellationToken, Task<byte[]>> key, ILogger<ReplicaBus> logger)
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
            seal = LoadSealAsync(key, channel.ToString());
            seal.ContinueWith(_ => Subscribe(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
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
        // Without Redis nothing goes out, and there is no key to wait for.
        sender = seal is null ? Task.CompletedTask : Task.Run(SendAsync);
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
        disposing.Cancel();
        retry?.Dispose();
        resyncAgain?.Dispose();
        inbox.Writer.TryComplete();
        outbox.Writer.TryComplete();
        // Both loops catch what their work throws, so they end when their queue does.
        Task.WaitAll([pump, sender], TimeSpan.FromSeconds(5));
        disposing.Dispose();
    }

    // The type URL Any.Pack gives the message.
    private void Know(MessageDescriptor descriptor) => known[$"type.googleapis.com/{descriptor.FullName}"] = descriptor;

    private void Subscribe()
    {
        lock (inbox)
        {
            // Without the key nothing heard could be checked: listening starts once it is loaded.
            if (subscribed || subscriber is null || seal is not { IsCompletedSuccessfully: true })
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

    private async Task<EnvelopeSeal> LoadSealAsync(Func<CancellationToken, Task<byte[]>> key, string name)
    {
        var failing = false;
        while (true)
        {
            try
            {
                return new EnvelopeSeal(await key(disposing.Token), name);
            }
            catch (Exception ex) when (!disposing.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    LogNoKeyYet(logger, ex.Message);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), disposing.Token);
        }
    }

    private void Receive(RedisValue value)
    {
        // Subscribed only once the key is loaded.
        if (seal!.Result.Open((byte[])value!) is not { } bytes)
        {
            Reject();
            return;
        }

        ReplicaEnvelope envelope;
        try
        {
            envelope = ReplicaEnvelope.Parser.ParseFrom(bytes);
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

    /// <summary>
    /// Logs the first message dropped for its signature, then at most one line a minute with the
    /// count so far: whoever can publish on the channel cannot flood the log as well.
    /// </summary>
    private void Reject()
    {
        var count = Interlocked.Increment(ref rejected);
        var now = Environment.TickCount64;
        var loggedAt = Interlocked.Read(ref rejectionLoggedAt);
        if ((count == 1 || now - loggedAt >= 60_000) && Interlocked.CompareExchange(ref rejectionLoggedAt, now, loggedAt) == loggedAt)
        {
            LogRejected(logger, channel.ToString(), count);
        }
    }

    private async Task SendAsync()
    {
        EnvelopeSeal envelopes;
        try
        {
            envelopes = await seal!;
        }
        catch (Exception) when (disposing.IsCancellationRequested)
        {
            // Disposed before the key came: nothing could have been sent.
            return;
        }

        await foreach (var message in outbox.Reader.ReadAllAsync())
        {
            try
            {
                await subscriber!.PublishAsync(channel, envelopes.Seal(new ReplicaEnvelope { Sender = replica, Message = Any.Pack(message) }));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "No key to sign replica messages with yet ({Error}); not hearing the other replicas until there is")]
    private static partial void LogNoKeyYet(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Channel} whose signature does not verify ({Count} so far): forged, altered, or signed with another Replicas:MessageKey. At most one such line a minute")]
    private static partial void LogRejected(ILogger logger, string channel, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed message on the replica channel is not a replica envelope: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
