using Grpc.Core;
using Microsoft.Extensions.Logging;
using TradeGrpc.Client;
using TradeGrpc.Hosting;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

public sealed class ErrorStatusTests
{
    private static (ErrorStatus Status, LogCapture Log, ILoggerFactory Factory) Create()
    {
        var log = new LogCapture();
        var factory = LoggerFactory.Create(builder => builder.AddProvider(log));
        return (new ErrorStatus(new ErrorDomain("tariff.tradegrpc.dev"), new RequestFieldMap(), factory.CreateLogger<ErrorStatus>()), log, factory);
    }

    [Fact]
    public void ToRpcException_WriteAfterTheDeadlineEndedTheCall_IsDeadlineExceededAndLogsNothing()
    {
        var (status, log, factory) = Create();
        using var _ = factory;
        using var ended = new CancellationTokenSource();
        ended.Cancel();

        // What Kestrel throws when a watch writes to a response its deadline already completed.
        var error = status.ToRpcException(new InvalidOperationException("Writing is not allowed after writer was completed."),
            new DirectCall("/grpc.health.v1.Health/Watch", DateTime.UtcNow.AddSeconds(-1), ended.Token));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("DEADLINE_EXCEEDED", error.GetErrorInfo()?.Reason);
        Assert.Empty(log.Of<ErrorStatus>());
    }

    [Fact]
    public void ToRpcException_SameFailureInACallStillRunning_IsInternalAndLogged()
    {
        var (status, log, factory) = Create();
        using var _ = factory;

        var error = status.ToRpcException(new InvalidOperationException("a fault of the service"), new DirectCall("/grpc.health.v1.Health/Watch", DateTime.MaxValue, CancellationToken.None));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.IsType<InvalidOperationException>(Assert.Single(log.Of<ErrorStatus>()).Exception);
    }
}
