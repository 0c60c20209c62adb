using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeGrpc.Client;
using TradeGrpc.Messaging;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain;
using TradeGrpc.Tariff.Domain.Measures;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Tariff.Tests;

/// <summary>What one caller may take of a host, and what a host takes on at all (section Limits).</summary>
public sealed class LoadLimitsTests
{
    private static readonly LookupRatesRequest FurnitureRates = new()
    {
        HtsCode = "9403.60.80", OriginCountry = "CN", ImportingCountry = "US", EntryDate = Day(2019, 7, 1),
    };

    private static TariffService.TariffServiceClient ClientOf(ServiceHost host, string subject) =>
        new(host.ChannelAs(TestAuthority.Token(subject, ["analyst"])));

    private static async Task<StatusCode> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    [Fact]
    public async Task LookupRates_PastTheCallersBurst_IsResourceExhaustedWithRetryInfoForThatCallerOnly()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string>
        {
            ["Limits:CallsPerSecondPerCaller"] = "2", ["Limits:CallBurstPerCaller"] = "3",
        });
        var alice = ClientOf(host, "alice");

        for (var i = 0; i < 3; i++)
        {
            await alice.LookupRatesAsync(FurnitureRates);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => alice.LookupRatesAsync(FurnitureRates).ResponseAsync);
        var bob = await ClientOf(host, "bob").LookupRatesAsync(FurnitureRates);
        var retry = error.GetRpcStatus()?.GetDetail<RetryInfo>();
        // Within a second of the refusal the bucket holds a second's calls again.
        var again = await Eventually.PollAsync(() => StatusOfAsync(() => alice.LookupRatesAsync(FurnitureRates).ResponseAsync),
            status => status == StatusCode.OK, TimeSpan.FromSeconds(5));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("RATE_LIMITED", error.GetErrorInfo()?.Reason);
        Assert.NotNull(retry);
        Assert.InRange(retry.RetryDelay.ToTimeSpan(), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Equal("9403.60.80", bob.HtsCode);
        Assert.Equal(StatusCode.OK, again);
    }

    [Fact]
    public async Task WatchMeasureChanges_MoreThanTheCallersWatches_IsResourceExhaustedUntilOneCloses()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Limits:WatchesPerCaller"] = "2" });
        var measures = new MeasureService.MeasureServiceClient(host.ChannelAs(TestAuthority.Token("alice", ["analyst"])));
        var first = measures.WatchMeasureChanges(new WatchMeasureChangesRequest());
        using var second = measures.WatchMeasureChanges(new WatchMeasureChangesRequest());
        await first.ResponseHeadersAsync;
        await second.ResponseHeadersAsync;

        using var third = measures.WatchMeasureChanges(new WatchMeasureChangesRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext(CancellationToken.None));
        first.Dispose();
        // The server lets the first watch go once it sees the cancellation.
        var reopened = await Eventually.PollAsync(async () =>
        {
            var attempt = measures.WatchMeasureChanges(new WatchMeasureChangesRequest());
            var status = await StatusOfAsync(() => attempt.ResponseHeadersAsync);
            return (attempt, status);
        }, opened => opened.status == StatusCode.OK, TimeSpan.FromSeconds(5));
        reopened.attempt.Dispose();

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("TOO_MANY_WATCHES", refused.GetErrorInfo()?.Reason);
        Assert.Equal(StatusCode.OK, reopened.status);
    }

    [Fact]
    public async Task WatchMeasureChanges_WithoutADeadline_EndsAtTheHostsLongestStream()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Limits:MaxStreamDuration"] = "00:00:01" });
        using var watch = new MeasureService.MeasureServiceClient(host.Channel).WatchMeasureChanges(new WatchMeasureChangesRequest());

        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
    }

    [Fact]
    public async Task Start_LimitsSettings_AreKestrelsLimits()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string>
        {
            ["Limits:MaxConnections"] = "50", ["Limits:MaxStreamsPerConnection"] = "7", ["Limits:KeepAlivePingDelay"] = "00:00:15",
            ["Limits:KeepAlivePingTimeout"] = "00:00:05", ["Limits:MaxRequestHeadersBytes"] = "8192",
        });

        var limits = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal((50L, 7, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), 8192),
            (limits.MaxConcurrentConnections, limits.Http2.MaxStreamsPerConnection, limits.Http2.KeepAlivePingDelay, limits.Http2.KeepAlivePingTimeout,
                limits.MaxRequestHeadersTotalSize));
    }

    [Fact]
    public async Task MeasureWatch_FallenFurtherBehindThanItsQueue_ReadsWhatItMissedFromTheBookOnce()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var (news, book) = (host.Services.GetRequiredService<BookNews>(), host.Services.GetRequiredService<TariffBook>());
        using var watch = new MeasureWatch(host.Services.GetRequiredService<Broadcaster<MeasureChange>>(), book, TimeProvider.System);
        var list3 = book.Current.Measures.Measures["us-301-list-3"];
        const int Changes = Broadcaster<MeasureChange>.Capacity + 100;

        // Nobody reads while list 3 changes 1,124 times: the queue keeps the first 1,024.
        for (var version = list3.Version + 1; version <= list3.Version + Changes; version++)
        {
            news.Apply(new MeasureChange(MeasureChangeKind.Updated, list3 with { Version = version }, DateTimeOffset.UtcNow));
        }

        var read = new List<MeasureChange>();
        using var quiet = new CancellationTokenSource();
        await foreach (var change in watch.ReadAllAsync(quiet.Token))
        {
            read.Add(change);
            if (change.Measure.Version == list3.Version + Changes)
            {
                break;
            }
        }

        // The 1,024 queued in order, then the latest, read from the book: the 100 in between as one.
        Assert.Equal(Broadcaster<MeasureChange>.Capacity + 1, read.Count);
        Assert.Equal(Enumerable.Range(1, Broadcaster<MeasureChange>.Capacity).Select(i => list3.Version + i).Append(list3.Version + Changes),
            read.Select(c => c.Measure.Version));
    }
}
