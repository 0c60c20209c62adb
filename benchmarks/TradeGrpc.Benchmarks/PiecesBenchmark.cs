using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using ProtoValidate;
using TradeGrpc.Tariff.Domain.Quotes;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using TradeGrpc.Validation;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// Where the server's time for one call goes, piece by piece on one thread with no network, measured
/// by BenchmarkDotNet (<see cref="PieceBenchmarks"/>): the protovalidate check the validation
/// interceptor makes, the handler (message to domain, the domain, its answer), writing the answer, and serializing
/// and parsing the request and response (each end does one of each). What is left of a call's cost
/// is gRPC, HTTP/2 and the client.
/// </summary>
internal static class PiecesBenchmark
{
    // In process (InProcessEmitToolchain) because the pieces need the handler, the validator and
    // the tariff book of the host this program built with TariffApp.Build, live objects that a
    // separate benchmark process (BenchmarkDotNet's default toolchain) could not be handed; that
    // toolchain would also generate and build a project per run. So the host's settings apply,
    // among them server GC. One launch (another would run in this same process), 10 warm-up and
    // 20 measured iterations of about 0.5 s per piece: the six pieces take about two and a half
    // minutes, where the default job's automatic counts go up to 50 warm-up and 100 measured
    // iterations a piece when the machine is busy.
    private static readonly IConfig Config = DefaultConfig.Instance
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(20)
            .WithId("InProcess"))
        .AddDiagnoser(MemoryDiagnoser.Default);

    public static async Task<Verdict> RunAsync(InProcessHost host)
    {
        Console.WriteLine($"== pieces: BenchmarkDotNet, in process, one thread; {MachineLoad.Describe()}");
        var validator = host.Services.GetRequiredService<IValidator>();
        if (validator is not Validator)
        {
            Console.WriteLine("DIAGNOSIS: the server skips request validation; 'Validate' is the accepting stand-in");
        }

        var fast = host.Services.GetRequiredService<FastValidator>();
        var tariff = ActivatorUtilities.CreateInstance<TariffGrpcService>(host.Services);
        var grpc = DirectCall.Hosted("local", "application/grpc");
        var json = DirectCall.Hosted("local", "application/json");
        var bound = BoundMethods.Of(binder => TariffServiceBinding.BindService(binder, tariff));
        // A gRPC call's quote is written from the domain (QuoteAnswerWriter): its answer piece makes and writes one as the service does.
        var duty = host.Services.GetRequiredService<DutyCalculator>().Quote(TariffCalls.TenLineEntry.ToEntry());
        PieceBenchmarks.Calls = new Dictionary<string, ICallPieces>
        {
            [PieceBenchmarks.LookupRates] = await CallPieces.PrepareAsync(TariffCalls.FurnitureLookup, r => tariff.LookupRates(r, grpc), r => tariff.LookupRates(r, json),
                remembered => remembered, bound.AnswerWriter<LookupRatesRequest, LookupRatesResponse>("LookupRates"), fast, validator),
            [PieceBenchmarks.QuoteDuty] = await CallPieces.PrepareAsync(TariffCalls.TenLineEntry, r => tariff.QuoteDuty(r, grpc), r => tariff.QuoteDuty(r, json),
                _ => QuoteAnswerWriter.Answer(duty, grpc), bound.AnswerWriter<QuoteDutyRequest, QuoteDutyResponse>("QuoteDuty"), fast, validator),
        };
        foreach (var (rpc, call) in PieceBenchmarks.Calls)
        {
            Console.WriteLine($"{rpc}: request {call.RequestBytes:N0} B, response {call.ResponseBytes:N0} B");
        }

        var summary = BenchmarkRunner.Run<PieceBenchmarks>(Config);
        var measured = summary.Reports.Count(r => r.Success && r.ResultStatistics is not null);
        var expected = summary.BenchmarksCases.Length;
        return new Verdict(
            "pieces: BenchmarkDotNet ran every piece",
            $"{measured} of {expected}",
            !summary.HasCriticalValidationErrors && expected > 0 && measured == expected);
    }
}
