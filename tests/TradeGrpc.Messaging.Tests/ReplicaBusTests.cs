using Microsoft.Extensions.Logging.Abstractions;
using TradeGrpc.Testing;

namespace TradeGrpc.Messaging.Tests;

public sealed class ReplicaBusTests
{
    private static readonly Func<CancellationToken, Task<byte[]>> Key = _ => Task.FromResult(new byte[32]);

    [Fact]
    public async Task Dispose_AfterAPublishRedisCancelled_DoesNotThrow()
    {
        var redis = new ScriptedRedis(new TaskCanceledException());
        var bus = new ReplicaBus("tests", redis.Connection, Key, NullLogger<ReplicaBus>.Instance);

        bus.Publish(new Resync(), handleHere: false);
        await redis.AttemptsAsync(1);

        bus.Dispose();
        Assert.Empty(redis.Published);
    }

    [Fact]
    public async Task Publish_AfterOneThatFailed_StillGoesOut()
    {
        var redis = new ScriptedRedis(new TaskCanceledException());
        using var bus = new ReplicaBus("tests", redis.Connection, Key, NullLogger<ReplicaBus>.Instance);

        bus.Publish(new ReplicaEnvelope { Sender = "lost" }, handleHere: false);
        bus.Publish(new ReplicaEnvelope { Sender = "heard" }, handleHere: false);
        // The bus may also ask the others to resynchronise, since they missed the first message.
        var published = await Eventually.PollAsync(() => Task.FromResult(redis.Published.Select(Unpack).ToList()),
            messages => messages.Contains("heard"), TimeSpan.FromSeconds(10));

        Assert.DoesNotContain("lost", published);
    }

    /// <summary>What went out on the channel: the sender of a ReplicaEnvelope sent as the message, or the message's type.</summary>
    private static string Unpack(byte[] published)
    {
        var message = ReplicaEnvelope.Parser.ParseFrom(SignedEnvelope.Parser.ParseFrom(published).Envelope).Message;
        return message.Is(ReplicaEnvelope.Descriptor) ? message.Unpack<ReplicaEnvelope>().Sender : message.TypeUrl;
    }

    [Fact]
    public async Task Publish_WithoutRedis_ReachesThisReplicasHandlersInOrder()
    {
        using var bus = new ReplicaBus("tests", null, Key, NullLogger<ReplicaBus>.Instance);
        var heard = new List<string>();
        var both = new TaskCompletionSource();
        bus.Subscribe<ReplicaEnvelope>(envelope =>
        {
            heard.Add(envelope.Sender);
            if (heard.Count == 2)
            {
                both.SetResult();
            }

            return Task.CompletedTask;
        });

        bus.Publish(new ReplicaEnvelope { Sender = "first" });
        bus.Publish(new ReplicaEnvelope { Sender = "second" });
        await both.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["first", "second"], heard);
        Assert.True(bus.InStep);
    }
}
