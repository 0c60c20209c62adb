namespace TradeGrpc.Benchmarks;

/// <summary>
/// The service binary started as a child process on an empty data folder (first start: it imports
/// the bundled data) and again on the same folder (warm start), each timed from process start to
/// SERVING; then its resident memory after a burst of QuoteDuty calls.
/// </summary>
internal static class StartupBenchmark
{
    public static readonly TimeSpan StartTarget = TimeSpan.FromSeconds(10);
    public const long MemoryTargetMiB = 250;

    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Verdict>> RunAsync(BenchmarkOptions options)
    {
        var dll = ServiceBinary.Locate(options.ServiceDll);
        Console.WriteLine($"== startup: dotnet {dll}");
        using var data = new ScratchFolder();
        using var credentials = new BenchmarkCredentials();

        TimeSpan first;
        await using (var service = ServiceProcess.Start(dll, data.Path, credentials))
        {
            first = await service.WaitUntilServingAsync(GiveUp);
            await TariffCalls.CheckAnswersAsync(service.Channel);
            await TariffCalls.CheckChinaTariffsAsync(service.Channel);
            Console.WriteLine($"first start (empty folder): SERVING after {first.TotalSeconds:0.00} s; " +
                $"VmRSS {service.MemoryMiB("VmRSS")} MiB, peak VmHWM {service.MemoryMiB("VmHWM")} MiB");
        }

        TimeSpan warm;
        long resident;
        await using (var service = ServiceProcess.Start(dll, data.Path, credentials))
        {
            warm = await service.WaitUntilServingAsync(GiveUp);
            await TariffCalls.CheckAnswersAsync(service.Channel);
            await TariffCalls.CheckChinaTariffsAsync(service.Channel);
            Console.WriteLine($"warm start (same folder):   SERVING after {warm.TotalSeconds:0.00} s; VmRSS {service.MemoryMiB("VmRSS")} MiB");

            var channels = LoadGenerator.OpenChannels(service.Address, options.Channels, credentials.Token);
            LoadResult burst;
            try
            {
                burst = await new LoadGenerator(channels, options.Callers).RunAsync(TariffCalls.Quote, options.Burst);
            }
            finally
            {
                channels.ForEach(c => c.Dispose());
            }

            resident = service.MemoryMiB("VmRSS");
            Console.WriteLine($"after {options.Burst.TotalSeconds} s of QuoteDuty: {burst.Ok:N0} OK, {burst.Failed} failed " +
                $"({burst.CallsPerSecond:N0} calls/s); VmRSS {resident} MiB, peak VmHWM {service.MemoryMiB("VmHWM")} MiB");
            if (burst.Failed > 0)
            {
                throw new InvalidOperationException($"QuoteDuty calls failed during the burst: {burst.FirstError}");
            }
        }

        return
        [
            new($"first start to SERVING < {StartTarget.TotalSeconds} s", $"{first.TotalSeconds:0.00} s", first < StartTarget),
            new($"warm start to SERVING < {StartTarget.TotalSeconds} s", $"{warm.TotalSeconds:0.00} s", warm < StartTarget),
            new($"VmRSS after QuoteDuty burst < {MemoryTargetMiB} MiB", $"{resident} MiB", resident < MemoryTargetMiB),
        ];
    }
}
