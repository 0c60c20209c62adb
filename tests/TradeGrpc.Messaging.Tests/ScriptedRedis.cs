using System.Reflection;
using System.Threading.Channels;
using StackExchange.Redis;

namespace TradeGrpc.Messaging.Tests;

/// <summary>
/// A Redis connection that is always up and whose publishes answer, one after another, with the
/// outcomes a test scripts: an exception to fail with, or null for a publish that goes out. A
/// member the replica bus is not expected to use fails the test.
/// </summary>
public sealed class ScriptedRedis
{
    private readonly Queue<Exception?> outcomes;
    private readonly List<byte[]> published = [];
    private readonly Channel<bool> attempts = Channel.CreateUnbounded<bool>();

    public ScriptedRedis(params Exception?[] outcomes)
    {
        this.outcomes = new Queue<Exception?>(outcomes);
        Connection = Proxy.For<IConnectionMultiplexer>(this);
    }

    public IConnectionMultiplexer Connection { get; }

    /// <summary>The messages that went out, in order.</summary>
    public IReadOnlyList<byte[]> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> publishes have been attempted.</summary>
    public async Task AttemptsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = 0; i < count; i++)
        {
            await attempts.Reader.ReadAsync(timeout.Token);
        }
    }

    private Task<long> Publish(RedisValue message)
    {
        Exception? outcome;
        lock (published)
        {
            outcome = outcomes.Count > 0 ? outcomes.Dequeue() : null;
            if (outcome is null)
            {
                published.Add((byte[])message!);
            }
        }

        attempts.Writer.TryWrite(true);
        return outcome is null ? Task.FromResult(1L) : Task.FromException<long>(outcome);
    }

    /// <summary>The connection and its subscriber, answering from one script.</summary>
    public class Proxy : DispatchProxy
    {
        private ScriptedRedis script = null!;

        public static T For<T>(ScriptedRedis script)
            where T : class
        {
            var proxy = Create<T, Proxy>();
            ((Proxy)(object)proxy).script = script;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IConnectionMultiplexer.GetSubscriber) => For<ISubscriber>(script),
            "add_ConnectionFailed" or "add_ConnectionRestored" or nameof(ISubscriber.Subscribe) => null,
            nameof(ISubscriber.IsConnected) => true,
            nameof(ISubscriber.PublishAsync) => script.Publish((RedisValue)args![1]!),
            _ => throw new NotSupportedException($"The replica bus called {targetMethod?.Name}, which this script does not answer."),
        };
    }
}
