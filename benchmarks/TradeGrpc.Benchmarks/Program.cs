using System.Runtime.InteropServices;
using TradeGrpc.Benchmarks;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

#if DEBUG
Console.WriteLine("warning: a Debug build; run with -c Release for numbers that mean anything");
#endif
Console.WriteLine($"TradeGrpc benchmarks, {DateTime.Now:yyyy-MM-dd HH:mm}, {RuntimeInformation.OSDescription}, " +
    $"{RuntimeInformation.FrameworkDescription}, {MachineLoad.Describe()}");

var verdicts = new List<Verdict>();
if (options.Runs(BenchmarkOptions.Startup))
{
    verdicts.AddRange(await StartupBenchmark.RunAsync(options));
}

if (options.Runs(BenchmarkOptions.Throughput) || options.Runs(BenchmarkOptions.Pieces))
{
    // One in-process host for both: each start imports the bundled data again.
    await using var host = await InProcessHost.StartAsync(options.WithoutValidation);
    if (options.Runs(BenchmarkOptions.Throughput))
    {
        verdicts.AddRange(await ThroughputBenchmark.RunAsync(host, options));
    }

    if (options.Runs(BenchmarkOptions.Pieces))
    {
        verdicts.Add(await PiecesBenchmark.RunAsync(host));
    }
}

if (options.Runs(BenchmarkOptions.Auth))
{
    verdicts.Add(await AuthBenchmark.RunAsync());
}

if (options.Runs(BenchmarkOptions.H2LoadSuite))
{
    verdicts.AddRange(await H2LoadBenchmark.RunAsync(options));
}

if (options.Runs(BenchmarkOptions.Writes))
{
    verdicts.AddRange(await WritesBenchmark.RunAsync(options));
}

if (options.Runs(BenchmarkOptions.Fanout))
{
    verdicts.AddRange(await FanoutBenchmark.RunAsync());
}

if (options.Runs(BenchmarkOptions.Import))
{
    verdicts.AddRange(await ImportBenchmark.RunAsync(options));
}

if (options.Runs(BenchmarkOptions.Memory))
{
    verdicts.AddRange(await MemoryBenchmark.RunAsync(options));
}

Console.WriteLine("== verdicts");
verdicts.ForEach(Console.WriteLine);
var passed = verdicts.TrueForAll(v => v.Pass);
Console.WriteLine(passed ? "PASS" : "FAIL");
return passed ? 0 : 1;
