using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using ProtoValidate;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// The BenchmarkDotNet benchmarks of the pieces suite: for each RPC, the checks every request gets, the protovalidate check, the
/// handler, serializing plus parsing its request and response, and writing its answer as the service does. BenchmarkDotNet makes the
/// instances itself; they take their calls from <see cref="Calls"/>, which
/// <see cref="PiecesBenchmark"/> fills from the running host before it starts them in this process.
/// Public and not sealed because BenchmarkDotNet runs no other classes.
/// </summary>
public class PieceBenchmarks
{
    /// <summary><see cref="TariffCalls.FurnitureLookup"/>.</summary>
    public const string LookupRates = nameof(LookupRates);

    /// <summary><see cref="TariffCalls.TenLineEntry"/>.</summary>
    public const string QuoteDuty = nameof(QuoteDuty);

    private ICallPieces call = null!;

    [Params(LookupRates, QuoteDuty)]
    public string Rpc { get; set; } = LookupRates;

    internal static IReadOnlyDictionary<string, ICallPieces> Calls { get; set; } = new Dictionary<string, ICallPieces>();

    [GlobalSetup]
    public void Setup() =>
        call = Calls.TryGetValue(Rpc, out var prepared)
            ? prepared
            : throw new InvalidOperationException($"{Rpc} was not prepared: the pieces run in process, after {nameof(PiecesBenchmark)} fills {nameof(Calls)}");

    [Benchmark]
    public bool Check() => call.Check();

    [Benchmark]
    public ValidationResult Validate() => call.Validate();

    [Benchmark]
    public Task Handler() => call.HandleAsync();

    [Benchmark]
    public IMessage Messages() => call.SerializeAndParse();

    [Benchmark]
    public int Answer() => call.WriteAnswer();
}
