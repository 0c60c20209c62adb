using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using ProtoValidate;
using TradeGrpc.Benchmarks.V1;
using TradeGrpc.Tariff.Grpc;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// Where the server's time for one call goes, piece by piece on one thread with no network: the
/// protovalidate check the validation interceptor makes, the handler (message to domain, the
/// domain, domain to message), and serializing and parsing the request and response (each end
/// does one of each). What is left of a call's cost is gRPC, HTTP/2 and the client.
/// </summary>
internal static class PiecesBenchmark
{
    public static async Task RunAsync(InProcessHost host)
    {
        Console.WriteLine($"== pieces: one thread, best of 3 windows of 0.3 s; {MachineLoad.Describe()}");
        var validator = host.Services.GetRequiredService<IValidator>();
        if (validator is not Validator)
        {
            Console.WriteLine("DIAGNOSIS: the server skips request validation; 'validate' is the accepting stand-in");
        }

        var tariff = ActivatorUtilities.CreateInstance<TariffGrpcService>(host.Services);
        var noop = new NoopService();
        var context = new TradeGrpc.Hosting.LocalCallContext(CancellationToken.None);

        Console.WriteLine($"{"RPC",-22} {"request",8} {"response",9}   {"validate",-22} {"handler",-22} {"messages",-22}");
        await ReportAsync("Ping (no-op)", new PingRequest(), r => noop.Ping(r, context), validator);
        await ReportAsync("LookupRates", TariffCalls.FurnitureLookup, r => tariff.LookupRates(r, context), validator);
        await ReportAsync("QuoteDuty (10 lines)", TariffCalls.TenLineEntry, r => tariff.QuoteDuty(r, context), validator);
    }

    private static async Task ReportAsync<TRequest, TResponse>(string name, TRequest request, Func<TRequest, Task<TResponse>> handler, IValidator validator)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var response = await handler(request);
        var requests = new MessageParser<TRequest>(() => new TRequest());
        var responses = new MessageParser<TResponse>(() => new TResponse());
        var validate = await PieceCost.MeasureAsync(() =>
        {
            validator.Validate(request, false);
            return Task.CompletedTask;
        });
        var handle = await PieceCost.MeasureAsync(() => handler(request));
        var messages = await PieceCost.MeasureAsync(() =>
        {
            requests.ParseFrom(request.ToByteArray());
            responses.ParseFrom(response.ToByteArray());
            return Task.CompletedTask;
        });
        Console.WriteLine($"{name,-22} {request.CalculateSize(),6} B {response.CalculateSize(),7} B   {validate}   {handle}   {messages}");
    }
}
