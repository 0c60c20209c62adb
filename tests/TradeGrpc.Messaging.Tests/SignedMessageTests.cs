using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TradeGrpc.Testing;

namespace TradeGrpc.Messaging.Tests;

/// <summary>
/// Replicas act only on messages signed with their service's key: two buses on a real
/// redis-server, and a plain Redis client that publishes on their channel as anyone could.
/// </summary>
public sealed class SignedMessageTests : IAsyncLifetime, IDisposable
{
    private const string Service = "signed";
    private static readonly RedisChannel Channel = RedisChannel.Literal($"tradegrpc:{Service}:replicas");
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly List<string> heard = [];
    private readonly LogCapture logs = new();
    private readonly ILoggerFactory loggers;
    private RedisServer server = null!;
    private ConnectionMultiplexer anyone = null!;
    private ConnectionMultiplexer listenerConnection = null!;
    private ConnectionMultiplexer senderConnection = null!;
    private ReplicaBus listener = null!;
    private ReplicaBus sender = null!;

    public SignedMessageTests() => loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));

    public async Task InitializeAsync()
    {
        server = await RedisServer.StartAsync();
        anyone = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        listenerConnection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        senderConnection = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        listener = new ReplicaBus(Service, listenerConnection, _ => Task.FromResult(key), loggers.CreateLogger<ReplicaBus>());
        listener.Subscribe<ReplicaEnvelope>(envelope =>
        {
            lock (heard)
            {
                heard.Add(envelope.Sender);
            }

            return Task.CompletedTask;
        });
        sender = new ReplicaBus(Service, senderConnection, _ => Task.FromResult(key), NullLogger<ReplicaBus>.Instance);
        await Eventually.PollAsync(() => Task.FromResult(listener.InStep && sender.InStep), inStep => inStep, TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        await listenerConnection.DisposeAsync();
        await senderConnection.DisposeAsync();
        await anyone.DisposeAsync();
        await server.DisposeAsync();
    }

    public void Dispose()
    {
        listener.Dispose();
        sender.Dispose();
        loggers.Dispose();
        logs.Dispose();
    }

    [Fact]
    public async Task Receive_AGenuineMessage_IsHandled()
    {
        sender.Publish(new ReplicaEnvelope { Sender = "genuine" }, handleHere: false);

        Assert.Equal(["genuine"], await HeardUntilAsync("genuine"));
    }

    [Fact]
    public async Task Receive_AnUnsignedMessage_IsNotHandled()
    {
        // What a replica sent before messages were signed: an envelope as it is.
        await anyone.GetSubscriber().PublishAsync(Channel, Envelope("forged").ToByteArray());
        sender.Publish(new ReplicaEnvelope { Sender = "genuine" }, handleHere: false);

        Assert.Equal(["genuine"], await HeardUntilAsync("genuine"));
    }

    [Fact]
    public async Task Receive_AMessageSignedWithAnotherKey_IsNotHandledAndIsLoggedOnce()
    {
        var envelope = Envelope("forged").ToByteArray();
        var forged = new SignedEnvelope
        {
            Envelope = ByteString.CopyFrom(envelope),
            Mac = ByteString.CopyFrom(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), (byte[])[.. System.Text.Encoding.UTF8.GetBytes(Channel.ToString()), 0, .. envelope])),
        }.ToByteArray();
        await anyone.GetSubscriber().PublishAsync(Channel, forged);
        await anyone.GetSubscriber().PublishAsync(Channel, forged);
        sender.Publish(new ReplicaEnvelope { Sender = "genuine" }, handleHere: false);

        Assert.Equal(["genuine"], await HeardUntilAsync("genuine"));
        // The bus handles messages as they come, not one after another: the genuine one can be
        // heard before the forged ones are turned away, so the warning is waited for.
        var warnings = await Eventually.PollAsync(
            () => Task.FromResult(logs.Of<ReplicaBus>().Where(line => line.Level == LogLevel.Warning && line.Message.Contains("does not verify", StringComparison.Ordinal)).ToList()),
            lines => lines.Count > 0, TimeSpan.FromSeconds(10));
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("mac")]
    [InlineData("envelope")]
    public async Task Receive_AGenuineMessageWithOneByteFlipped_IsNotHandled(string part)
    {
        var captured = new TaskCompletionSource<byte[]>();
        var spy = await anyone.GetSubscriber().SubscribeAsync(Channel);
        spy.OnMessage(message => captured.TrySetResult((byte[])message.Message!));
        sender.Publish(new ReplicaEnvelope { Sender = "original" }, handleHere: false);
        var altered = await captured.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await HeardUntilAsync("original");

        // The MAC is last; byte 4 is the first of the sender's id in the envelope (two tag and length pairs before it).
        altered[part == "mac" ? ^1 : 4] ^= 0x01;
        await anyone.GetSubscriber().PublishAsync(Channel, altered);
        sender.Publish(new ReplicaEnvelope { Sender = "after" }, handleHere: false);

        Assert.Equal(["original", "after"], await HeardUntilAsync("after"));
    }

    [Fact]
    public async Task AddReplicaMessaging_WithAMessageKeyThatIsNotBase64OfEnoughBytes_FailsAtStartNamingTheKey()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Replicas:MessageKey"] = Convert.ToBase64String(new byte[16]);
        builder.AddReplicaMessaging(Service, (_, _) => Task.FromResult(key));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Replicas:MessageKey", error.Message, StringComparison.Ordinal);
    }

    private static ReplicaEnvelope Envelope(string name) =>
        new() { Sender = "another replica", Message = Any.Pack(new ReplicaEnvelope { Sender = name }) };

    private async Task<List<string>> HeardUntilAsync(string last) =>
        await Eventually.PollAsync(
            () =>
            {
                lock (heard)
                {
                    return Task.FromResult<List<string>>([.. heard]);
                }
            },
            messages => messages.Contains(last), TimeSpan.FromSeconds(10));
}
