using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TradeGrpc.Negotiation;
using TradeGrpc.Testing;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>Frames that are not a request message answer INVALID_ARGUMENT or RESOURCE_EXHAUSTED, logged once each without a stack trace.</summary>
[Collection(SharedFuzzHosts.Name)]
public sealed class MalformedFrameTests(FuzzHosts hosts)
{
    private const string GetNegotiation = "/trade.negotiation.v1.NegotiationService/GetNegotiation";

    // Field 1 as a length-delimited string claiming 100 bytes, followed by 2: not a message.
    private static readonly byte[] Garbage = [0x0A, 0x64, 0x02];

    public static TheoryData<string, byte[], StatusCode> Frames => new()
    {
        { "bytes that do not parse", RawGrpc.Frame(Garbage), StatusCode.InvalidArgument },
        { "a compressed flag without grpc-encoding", RawGrpc.Frame([0x0A, 0x01, 0x41], compressed: true), StatusCode.InvalidArgument },
        { "a length past the body", RawGrpc.Frame([0x0A, 0x01, 0x41], claimedLength: 40), StatusCode.InvalidArgument },
        { "a prefix cut short", [0, 0, 0], StatusCode.InvalidArgument },
        { "a length over the receive limit", RawGrpc.Frame([0x0A, 0x01, 0x41], claimedLength: 64 * 1024 * 1024), StatusCode.ResourceExhausted },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public async Task Call_MalformedFrame_AnswersItsStatusWithErrorInfo(string frame, byte[] body, StatusCode expected)
    {
        using var raw = new RawGrpc(hosts.Negotiation.Address, TestAuthority.Superuser);

        var (status, details) = await raw.CallAsync(GetNegotiation, body);

        Assert.True((int)expected == status, $"{frame}: {(StatusCode)status}");
        var info = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(details!)).Details.Single().Unpack<ErrorInfo>();
        Assert.Equal(NegotiationApp.ErrorDomain, info.Domain);
    }

    [Fact]
    public async Task ImportTariffData_GarbageFrame_IsInvalidArgument()
    {
        // A client-streaming call reads its messages inside the handler, past the interceptors, unlike the calls above.
        using var raw = new RawGrpc(hosts.Tariff.Address, TestAuthority.Superuser);

        var (status, details) = await raw.CallAsync("/trade.tariff.v1.TariffService/ImportTariffData", RawGrpc.Frame(Garbage));

        Assert.Equal((int)StatusCode.InvalidArgument, status);
        Assert.Equal("MALFORMED_REQUEST", Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(details!)).Details.Single().Unpack<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Call_ManyGarbageFrames_LogsOneLineEachWithoutStackTrace()
    {
        await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" });
        var capture = new LogCapture();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        using var raw = new RawGrpc(host.Address, TestAuthority.Superuser);
        const int calls = 20;

        for (var i = 0; i < calls; i++)
        {
            Assert.Equal((int)StatusCode.InvalidArgument, (await raw.CallAsync(GetNegotiation, RawGrpc.Frame(Garbage))).Status);
        }

        // Only lines about calls: a host at Information also reports its own comings and goings.
        var lines = capture.All.Where(l => l.Category.StartsWith("Grpc.", StringComparison.Ordinal) || l.Line.Message.Contains(GetNegotiation, StringComparison.Ordinal)).ToList();
        Assert.Equal(calls, lines.Count);
        Assert.All(lines, l => Assert.Null(l.Line.Exception));
    }
}
