using System.Globalization;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// What a write costs on the real binaries, on each store: CreateNegotiation, RecordStatement (all
/// on one negotiation) and RequestExclusion (tariff service, all on one measure), loaded by h2load
/// at 4 connections of 8 calls in flight and at one call in flight, on SQLite (the default) and on
/// a PostgreSQL server of its own. h2load sends the same bytes on every call, so the requests carry
/// no request_id (the contract makes it optional): with one, every call after the first would be
/// a replay. What is measured is therefore a write without the request_id's lookup and row, which
/// a client retrying safely adds. After each run the suite counts the rows through the list
/// methods: they must have grown by every call h2load saw succeed, and by at most the calls still in
/// flight when a timed run stopped. Beside the server's own status counts that every run checks,
/// this proves each write answered OK stored its row.
/// </summary>
internal static class WritesBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Verdict>> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"== writes: h2load on both binaries, on SQLite and on PostgreSQL; {MachineLoad.Describe()}");
        await H2Load.EnsureInstalledAsync();
        using var credentials = new BenchmarkCredentials();
        var verdicts = new List<Verdict>();
        Console.WriteLine($"{"store",-10} {"round",-5} {"method",-17} {"calls/s",8} {"p50 4x8",8} {"p99 4x8",8} {"calls/s",8} {"p50 1",8} {"p99 1",8} {"CPU",8} {"peak RSS",8} {"rows",20}");
        Console.WriteLine($"{"",-10} {"",-5} {"",-17} {"4x8",8} {"",8} {"",8} {"1 in fl.",8} {"",8} {"",8} {"us/call",8} {"MiB",8} {"stored/OK+unfinished",20}");
        verdicts.Add(await MeasureStoreAsync("SQLite", [], [], options, credentials));
        await using (var postgres = await PostgresServer.StartAsync())
        {
            verdicts.Add(await MeasureStoreAsync("PostgreSQL", await postgres.CreateStoreAsync("Tariff"), await postgres.CreateStoreAsync("Negotiation"), options, credentials));
        }

        Console.WriteLine($"4x8: h2load -c 4 -m 8; 1 in flight: -c 1 -m 1; CPU: the serving binary's utime + stime over the 4x8 run (not PostgreSQL's); {MachineLoad.Describe()}");
        return verdicts;
    }

    /// <summary>Starts both binaries on one store and measures the three writes on them, round after round; the verdict says whether every write was stored.</summary>
    private static async Task<Verdict> MeasureStoreAsync(string store, string[] tariffStore, string[] negotiationStore, BenchmarkOptions options, BenchmarkCredentials credentials)
    {
        using var tariffData = new ScratchFolder();
        using var negotiationData = new ScratchFolder();
        using var scratch = new ScratchFolder();
        await using var tariff = ServiceProcess.Start(ServiceBinary.Locate(options.ServiceDll), tariffData.Path, credentials, [ServiceProcess.WarningsOnly, ServiceProcess.StreamsForADay, .. tariffStore]);
        // No sample talks: the negotiations counted are the benchmark's only.
        await using var negotiation = ServiceProcess.Start(ServiceBinary.Locate(null, "Negotiation"), negotiationData.Path, credentials,
            [ServiceProcess.WarningsOnly, "--Sample:File=", .. negotiationStore]);
        await tariff.WaitUntilServingAsync(GiveUp);
        await negotiation.WaitUntilServingAsync(GiveUp);

        var negotiator = credentials.TokenOf("negotiator");
        using var talks = LoadGenerator.Channel(negotiation.Address, negotiator);
        var office = credentials.TokenOf("ustr");
        var manyStatements = await NegotiationCalls.CreateAsync(talks, "Talks of many statements");
        var exclusion = new RequestExclusionRequest
        {
            Exclusion = new Exclusion { Measure = "measures/us-301-list-1", HtsCode = "8411.99.10", Requester = "Acme Turbines", ProductDescription = "Turbine parts" },
        };
        Write[] writes =
        [
            new(new("CreateNegotiation", negotiation, NegotiationCalls.Service + "CreateNegotiation", NegotiationCalls.NewTalks("Talks created under load"), negotiator),
                () => NegotiationCalls.CountNegotiationsAsync(negotiation.Address, negotiator)),
            new(new("RecordStatement", negotiation, NegotiationCalls.Service + "RecordStatement", NegotiationCalls.Statement(manyStatements), negotiator),
                () => NegotiationCalls.CountStatementsAsync(negotiation.Address, negotiator, manyStatements)),
            new(new("RequestExclusion", tariff, "/trade.tariff.v1.MeasureService/RequestExclusion", exclusion, credentials.TokenOf("importer")),
                () => CountExclusionsAsync(tariff.Address, office)),
        ];
        foreach (var write in writes)
        {
            await write.Call.WriteRequestAsync(scratch.Path);
        }

        var seconds = $"-D {(int)options.Duration.TotalMilliseconds}ms";
        var lost = new List<string>();
        async Task<(H2LoadRun Loaded, H2LoadRun Single, double Cpu, long Stored, long Calls, long Unfinished)> MeasureAsync(Write write)
        {
            var rowsBefore = await write.CountRowsAsync();
            var loaded = await write.Call.RunAsync(4, 8, seconds, scratch.Path, write.Call.Host);
            var cpu = loaded.Cpu[0].TotalMicroseconds / loaded.Succeeded;
            var single = await write.Call.RunAsync(1, 1, seconds, scratch.Path);
            var calls = loaded.Succeeded + single.Succeeded;
            var unfinished = loaded.Unfinished + single.Unfinished;
            var stored = await write.CountRowsAsync() - rowsBefore;
            if (stored < calls || stored > calls + unfinished)
            {
                lost.Add($"{write.Call.Name}: {stored:N0} rows for {calls:N0} calls OK and {unfinished} unfinished");
            }

            return (loaded, single, cpu, stored, calls, unfinished);
        }

        // Tiered compilation needs load before the hot paths run their final code: one round, not printed.
        foreach (var write in writes)
        {
            await MeasureAsync(write);
        }

        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var write in writes)
            {
                var m = await MeasureAsync(write);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{store,-10} {round,-5} {write.Call.Name,-17} {m.Loaded.CallsPerSecond,8:N0} {H2LoadRun.Ms(m.Loaded.P50),8} {H2LoadRun.Ms(m.Loaded.P99),8} " +
                    $"{m.Single.CallsPerSecond,8:N0} {H2LoadRun.Ms(m.Single.P50),8} {H2LoadRun.Ms(m.Single.P99),8} {m.Cpu,8:N0} " +
                    $"{write.Call.Host.MemoryMiB("VmHWM"),8:N0} {$"{m.Stored:N0}/{m.Calls:N0}+{m.Unfinished}",20}"));
            }
        }

        return new Verdict($"writes ({store}): every OK call stored its row", lost.Count == 0 ? "every run" : string.Join("; ", lost), lost.Count == 0);
    }

    /// <summary>Every exclusion of the measure the suite asks for, read by an office that sees every request.</summary>
    private static Task<long> CountExclusionsAsync(Uri tariff, string office) => Pages.CountAsync(tariff, office, async (channel, pageToken, deadline) =>
    {
        var page = await new MeasureService.MeasureServiceClient(channel).ListExclusionsAsync(
            new ListExclusionsRequest { Measure = "measures/us-301-list-1", PageSize = Pages.Largest, PageToken = pageToken }, deadline: deadline);
        return (page.Exclusions.Count, page.NextPageToken);
    });

    /// <summary>A write under load and how to count the rows it stores.</summary>
    private sealed record Write(H2LoadCall Call, Func<Task<long>> CountRowsAsync);
}
