using Grpc.Core;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Negotiation.Tests;

public sealed class TariffGatewayTests
{
    /// <summary>Answers QuoteScenarios calls with the given failures in turn, then with a baseline of $42 and no scenario; counts the calls.</summary>
    private sealed class ScriptedInvoker(params RpcException[] failures) : CallInvoker
    {
        public int Calls { get; private set; }

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            var call = Calls++;
            var response = call < failures.Length
                ? Task.FromException<TResponse>(failures[call])
                : Task.FromResult((TResponse)(object)new QuoteScenariosResponse { BaselineDuty = new Google.Type.Money { CurrencyCode = "USD", Units = 42 } });
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) =>
            throw new NotSupportedException();
    }

    private static readonly Basket Basket = new("US", new DateOnly(2019, 7, 1), []);

    // What Grpc.Net.Client reports when the connection of a replica that shuts down closes under a call.
    private static RpcException ClosedUnderTheCall() =>
        new(new Status(StatusCode.Internal, "Error starting gRPC call.", new HttpRequestException("The HTTP/2 server closed the connection.")));

    [Fact]
    public async Task Price_WhenAReplicasConnectionClosesUnderIt_IsSentAgain()
    {
        var invoker = new ScriptedInvoker(ClosedUnderTheCall());

        var quote = await new TariffGateway(new TariffService.TariffServiceClient(invoker), new MeasureService.MeasureServiceClient(invoker)).PriceAsync(Basket, [], [], CancellationToken.None);

        Assert.Equal((42m, 2), (quote.Baseline, invoker.Calls));
    }

    [Fact]
    public async Task Price_OtherInternalErrors_AreNotSentAgain()
    {
        var invoker = new ScriptedInvoker(new RpcException(new Status(StatusCode.Internal, "The server failed to complete the call.")));

        var error = await Assert.ThrowsAsync<RpcException>(() => new TariffGateway(new TariffService.TariffServiceClient(invoker), new MeasureService.MeasureServiceClient(invoker)).PriceAsync(Basket, [], [], CancellationToken.None));

        Assert.Equal((StatusCode.Internal, 1), (error.StatusCode, invoker.Calls));
    }

    [Fact]
    public async Task Price_ClosedUnderItTwice_FailsWithoutAThirdTry()
    {
        var invoker = new ScriptedInvoker(ClosedUnderTheCall(), ClosedUnderTheCall());

        await Assert.ThrowsAsync<RpcException>(() => new TariffGateway(new TariffService.TariffServiceClient(invoker), new MeasureService.MeasureServiceClient(invoker)).PriceAsync(Basket, [], [], CancellationToken.None));

        Assert.Equal(2, invoker.Calls);
    }
}
