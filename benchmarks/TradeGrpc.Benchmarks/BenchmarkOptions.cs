using System.Globalization;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// What to run and how hard: suites by name (all three when none is named) and <c>--name value</c>
/// switches for the load shape.
/// </summary>
internal sealed record BenchmarkOptions(
    IReadOnlySet<string> Suites,
    TimeSpan Warmup,
    TimeSpan Duration,
    int? RoundsAsked,
    TimeSpan Burst,
    int Callers,
    int Channels,
    string? ServiceDll,
    bool WithoutValidation,
    int Statements)
{
    public const string Startup = "startup";
    public const string Throughput = "throughput";
    public const string Pieces = "pieces";
    public const string Auth = "auth";
    public const string H2LoadSuite = "h2load";
    public const string Writes = "writes";
    public const string Fanout = "fanout";
    public const string Import = "import";
    public const string Memory = "memory";

    public const string Usage = """
        usage: dotnet run -c Release --project benchmarks/TradeGrpc.Benchmarks -- [startup] [throughput] [pieces] [auth] [h2load]
                                                                                 [writes] [fanout] [import] [memory] [switches]
          startup         first and warm start of the service binary to SERVING, and its memory after a burst of quotes
          throughput      LookupRates and QuoteDuty calls/s against a no-op RPC on the same server
          pieces          where a call's server time goes: validation, handler, (de)serialization, one thread;
                          BenchmarkDotNet in process, about 3 minutes; of the switches only --without-validation changes it
          auth            LookupRates with a token against a host that checks no callers, through h2load
                          (nghttp2-client); only when named, about a minute
          h2load          both service binaries under h2load, every RPC against the same host's no-op Ping,
                          and Ping and LookupRates on a third, a tariff binary with tracing on (spans dropped at export);
                          in --rounds rounds of --duration runs, each verdict on the median round; only when named,
                          about 7 minutes
          writes          CreateNegotiation, RecordStatement and RequestExclusion under h2load on the binaries, on SQLite
                          and on a PostgreSQL server of its own, --rounds rounds of --duration runs, rows counted after
                          each; only when named, about 4 minutes
          fanout          1,000 WatchNegotiation streams over two negotiation replicas (PostgreSQL and Redis of their own),
                          20 statements recorded on one: each watcher's delay from the write's answer to the event;
                          only when named, about a minute
          import          ImportTariffData of the bundled USITC schedule into the running tariff binary, --rounds times:
                          seconds, and the peak RSS before and after; only when named, under a minute
          memory          the negotiation binary's cold start, then --statements statements recorded on one negotiation
                          under h2load: the time, VmRSS once settled, GetNegotiation's latency on it, and a warm start
                          on that store; only when named, 1 to 6 minutes on 2 cores (the recording's pace)
          --warmup S      least seconds of warm-up, the three RPCs in turn, before measuring (default 12);
                          it goes on until their CPU time per call is steady, 32 s at most
          --duration S    seconds of each measured run (default 5)
          --rounds N      rounds (default 2; 3 for h2load): of lookup, quote, no-op after the first no-op (throughput);
                          of every call after one not counted (h2load, writes); imports (import)
          --burst S       seconds of QuoteDuty load before the memory reading (default 5)
          --callers N     concurrent callers (default 32)
          --channels N    HTTP/2 connections the callers share (default 4)
          --service PATH  the TradeGrpc.Tariff.dll to start (default: the one built beside this benchmark)
          --statements N  statements the memory suite records on one negotiation (default 100000)
          --without-validation
                          diagnosis only: the in-process server skips request validation; no verdicts
        """;

    private static readonly string[] Known = ["warmup", "duration", "rounds", "burst", "callers", "channels", "service", "statements"];

    /// <summary>Rounds of the throughput, writes and import suites.</summary>
    public int Rounds => RoundsAsked ?? 2;

    /// <summary>
    /// Rounds of the h2load suite, whose verdicts take the median round: with three, one round that a burst of other work
    /// on the machine slowed does not decide a verdict.
    /// </summary>
    public int H2LoadRounds => RoundsAsked ?? 3;

    public bool Runs(string suite) => Suites.Contains(suite);

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var suites = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var withoutValidation = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is Startup or Throughput or Pieces or Auth or H2LoadSuite or Writes or Fanout or Import or Memory)
            {
                suites.Add(arg);
            }
            else if (arg == "--without-validation")
            {
                withoutValidation = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && Known.Contains(arg[2..]) && i + 1 < args.Count)
            {
                switches[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument '{arg}'");
            }
        }

        if (suites.Count == 0)
        {
            suites.UnionWith([Startup, Throughput, Pieces]);
        }

        return new BenchmarkOptions(
            suites,
            Seconds(switches, "warmup", 12),
            Seconds(switches, "duration", 5),
            switches.ContainsKey("rounds") ? Count(switches, "rounds", 0) : null,
            Seconds(switches, "burst", 5),
            Count(switches, "callers", 32),
            Count(switches, "channels", 4),
            switches.GetValueOrDefault("service"),
            withoutValidation,
            Count(switches, "statements", 100_000, 10_000_000));
    }

    private static TimeSpan Seconds(Dictionary<string, string> switches, string name, double fallback) =>
        TimeSpan.FromSeconds(switches.TryGetValue(name, out var text) ? InRange(name, double.Parse(text, CultureInfo.InvariantCulture), 1000) : fallback);

    private static int Count(Dictionary<string, string> switches, string name, int fallback, int most = 1000) =>
        switches.TryGetValue(name, out var text) ? (int)InRange(name, int.Parse(text, CultureInfo.InvariantCulture), most) : fallback;

    private static double InRange(string name, double value, int most) =>
        value > 0 && value <= most ? value : throw new ArgumentException($"--{name} must be above 0 and at most {most.ToString("N0", CultureInfo.InvariantCulture)}");
}
