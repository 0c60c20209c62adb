using System.Globalization;
using Grpc.Core;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// Both service binaries as run.sh starts them (the negotiation service calls the tariff service
/// over TLS with its certificate), loaded by h2load, each RPC against the no-op Ping of the same
/// host in the same round: same process, interceptors and token checks, no work. Each call is run
/// twice per round: 4 connections of 8 calls in flight for calls/s, then one call in flight for
/// latency. Calls run in a fixed order, round after round, so that a change in the machine's load
/// falls on every call rather than on one. A third binary, a tariff service with tracing on
/// (<c>Telemetry:Exporter=Discard</c>: every span sampled, recorded and batched, then dropped),
/// answers the same Ping and LookupRates in the same rounds: what tracing costs a call.
/// </summary>
internal static class H2LoadBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Verdict>> RunAsync(BenchmarkOptions options)
    {
        Console.WriteLine($"== h2load: both service binaries, every RPC against the same host's Ping; {MachineLoad.Describe()}");
        await H2Load.EnsureInstalledAsync();
        using var credentials = new BenchmarkCredentials();
        using var tariffData = new ScratchFolder();
        using var negotiationData = new ScratchFolder();
        using var tracedData = new ScratchFolder();
        using var scratch = new ScratchFolder();
        var (tariffCertificate, tariffKey) = credentials.Certificate("tariff");
        var (negotiationCertificate, negotiationKey) = credentials.Certificate("negotiation");
        var servicesUrl = $"https://127.0.0.1:{ServiceProcess.FreePort()}";
        await using var tariff = ServiceProcess.Start(ServiceBinary.Locate(options.ServiceDll), tariffData.Path, credentials, ServiceProcess.WarningsOnly, ServiceProcess.StreamsForADay,
            $"--Kestrel:Endpoints:Services:Url={servicesUrl}",
            $"--Kestrel:Endpoints:Services:Certificate:Path={tariffCertificate}",
            $"--Kestrel:Endpoints:Services:Certificate:KeyPath={tariffKey}",
            "--Kestrel:Endpoints:Services:ClientCertificateMode=RequireCertificate",
            $"--Auth:ClientCaFile={credentials.CaFile}",
            "--Auth:ServiceRoles:negotiation=negotiation-service");
        await tariff.WaitUntilServingAsync(GiveUp);
        await TariffCalls.CheckAnswersAsync(tariff.Channel);
        await using var negotiation = ServiceProcess.Start(ServiceBinary.Locate(null, "Negotiation"), negotiationData.Path, credentials, ServiceProcess.WarningsOnly,
            $"--Tariff:Address={servicesUrl}",
            $"--Tariff:ClientCertificate={negotiationCertificate}",
            $"--Tariff:ClientKey={negotiationKey}",
            $"--Tariff:CaFile={credentials.CaFile}");
        await negotiation.WaitUntilServingAsync(GiveUp);
        await using var traced = ServiceProcess.Start(ServiceBinary.Locate(options.ServiceDll), tracedData.Path, credentials, ServiceProcess.WarningsOnly,
            "--Telemetry:Exporter=Discard");
        await traced.WaitUntilServingAsync(GiveUp);
        await TariffCalls.CheckAnswersAsync(traced.Channel);
        var talks = await SampleTalksWithThreeConcessionsAsync(negotiation, credentials);
        var impact = new GetDealImpactRequest
        {
            Name = talks,
            ImportingCountry = "US",
            EntryDate = TariffCalls.TenLineEntry.EntryDate,
            Lines = { TariffCalls.TenLineEntry.Lines },
        };
        var answer = await new NegotiationService.NegotiationServiceClient(negotiation.Channel).GetDealImpactAsync(impact);
        if (answer.Concessions.Count != 3)
        {
            throw new InvalidOperationException($"GetDealImpact considered {answer.Concessions.Count} concessions, not 3: {answer}");
        }

        H2LoadCall[] calls =
        [
            new("Ping (tariff)", tariff, "/trade.diagnostics.v1.DiagnosticsService/Ping", new PingRequest(), credentials.Token),
            new("LookupRates", tariff, "/trade.tariff.v1.TariffService/LookupRates", TariffCalls.FurnitureLookup, credentials.Token),
            new("QuoteDuty (10 lines)", tariff, "/trade.tariff.v1.TariffService/QuoteDuty", TariffCalls.TenLineEntry, credentials.Token),
            new("Ping (negotiation)", negotiation, "/trade.diagnostics.v1.DiagnosticsService/Ping", new PingRequest(), credentials.Token),
            new("GetNegotiation", negotiation, "/trade.negotiation.v1.NegotiationService/GetNegotiation", new GetNegotiationRequest { Name = talks }, credentials.Token),
            new("GetDealImpact (10 lines, 3 conc.)", negotiation, "/trade.negotiation.v1.NegotiationService/GetDealImpact", impact, credentials.Token),
            new("Ping (tariff, traced)", traced, "/trade.diagnostics.v1.DiagnosticsService/Ping", new PingRequest(), credentials.Token),
            new("LookupRates (traced)", traced, "/trade.tariff.v1.TariffService/LookupRates", TariffCalls.FurnitureLookup, credentials.Token),
        ];
        foreach (var call in calls)
        {
            await call.WriteRequestAsync(scratch.Path);
        }

        await CheckStatusCheckAsync(tariff, credentials.Token, scratch.Path);

        var seconds = $"{(int)options.Duration.TotalMilliseconds}ms";
        async Task<Measured> MeasureAsync(H2LoadCall call)
        {
            // The traced calls' tariff service is the traced binary: its CPU is what tracing costs a call.
            var tariffSide = call.Host == traced ? traced : tariff;
            var loaded = await call.RunAsync(4, 8, $"-D {seconds}", scratch.Path, tariffSide, negotiation);
            var perCall = (double)loaded.Succeeded;
            var single = await call.RunAsync(1, 1, $"-D {seconds}", scratch.Path);
            return new Measured(loaded, single, loaded.Cpu[0].TotalMicroseconds / perCall, loaded.Cpu[1].TotalMicroseconds / perCall, call.Host.MemoryMiB("VmHWM"));
        }

        // Tiered compilation needs load before the hot paths run their final code: one round, not counted.
        Console.WriteLine($"warm-up: one round of {options.Duration.TotalSeconds} s runs of each call, not counted");
        foreach (var call in calls)
        {
            await MeasureAsync(call);
        }

        var rounds = new List<Dictionary<H2LoadCall, Measured>>();
        Console.WriteLine($"{"round",-5} {"method",-34} {"calls/s",9} {"/ Ping",7} {"p50 1",8} {"p99 1",8} {"p99 4x8",8} {"tariff CPU",11} {"negot. CPU",11} {"peak RSS",9}");
        Console.WriteLine($"{"",-5} {"",-34} {"",9} {"",7} {"in flight",8} {"",8} {"",8} {"us/call",11} {"us/call",11} {"MiB",9}");
        for (var round = 1; round <= options.H2LoadRounds; round++)
        {
            var measured = new Dictionary<H2LoadCall, Measured>();
            foreach (var call in calls)
            {
                measured[call] = await MeasureAsync(call);
            }

            rounds.Add(measured);
            foreach (var call in calls)
            {
                var m = measured[call];
                var ratio = m.Loaded.CallsPerSecond / measured[calls.First(c => c.Host == call.Host)].Loaded.CallsPerSecond;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,-5} {call.Name,-34} {m.Loaded.CallsPerSecond,9:N0} {ratio,7:0.000} {H2LoadRun.Ms(m.Single.P50),8} {H2LoadRun.Ms(m.Single.P99),8} {H2LoadRun.Ms(m.Loaded.P99),8} {m.TariffCpuPerCall,11:N1} {m.NegotiationCpuPerCall,11:N1} {m.PeakRssMiB,9:N0}"));
            }
        }

        Console.WriteLine($"p50/p99 1 in flight: h2load -c 1 -m 1; p99 4x8: -c 4 -m 8; every response's HTTP status 200 (h2load's log) and every answered call's grpc-status OK (the server's own counts); each verdict on the median of the {rounds.Count} rounds; {MachineLoad.Describe()}");
        // The median round: a burst of other work on the machine (a round's CPU per call up by a third on every call it
        // lasted through) falls on some calls of a round and not on their Ping, and must not decide a verdict alone.
        double Median(Func<Dictionary<H2LoadCall, Measured>, double> of)
        {
            var sorted = rounds.Select(of).Order().ToList();
            return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
        }

        double Throughput(Dictionary<H2LoadCall, Measured> r, int i, int ping) => r[calls[i]].Loaded.CallsPerSecond / r[calls[ping]].Loaded.CallsPerSecond;
        double P99(Dictionary<H2LoadCall, Measured> r, int i, int baseline) => r[calls[i]].Single.P99 / r[calls[baseline]].Single.P99;
        return
        [
            AtLeast("LookupRates calls/s / tariff Ping", Median(r => Throughput(r, 1, 0)), 0.9),
            AtLeast("QuoteDuty calls/s / tariff Ping", Median(r => Throughput(r, 2, 0)), 0.6),
            AtLeast("GetNegotiation calls/s / negot. Ping", Median(r => Throughput(r, 4, 3)), 0.6),
            AtLeast("GetDealImpact calls/s / negot. Ping", Median(r => Throughput(r, 5, 3)), 0.25),
            AtMost("LookupRates p99 / tariff Ping p99, 1 call", Median(r => P99(r, 1, 0)), 1.3),
            AtMost("GetDealImpact p99 / QuoteDuty p99, 1 call", Median(r => P99(r, 5, 2)), 3),
            AtLeast("LookupRates calls/s traced / untraced", Median(r => Throughput(r, 7, 1)), 0.85),
        ];
    }

    /// <summary>A run of 20 quotes of no lines, which the service refuses with INVALID_ARGUMENT, must fail the status check.</summary>
    private static async Task CheckStatusCheckAsync(ServiceProcess tariff, string token, string scratch)
    {
        // A folder of its own: the request file is named by host and method, as the 10-line quote's is.
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "refused")).FullName;
        var refused = new H2LoadCall("QuoteDuty (no lines)", tariff, "/trade.tariff.v1.TariffService/QuoteDuty",
            new TradeGrpc.Tariff.V1.QuoteDutyRequest { ImportingCountry = "US", EntryDate = TariffCalls.TenLineEntry.EntryDate }, token);
        await refused.WriteRequestAsync(folder);
        await H2Load.ExpectRefusedAsync(() => refused.RunAsync(1, 1, "-n 20", folder), 20, StatusCode.InvalidArgument);
    }

    private static Verdict AtLeast(string what, double measured, double target) =>
        new($"h2load: {what} >= {target.ToString(CultureInfo.InvariantCulture)}", measured.ToString("0.000", CultureInfo.InvariantCulture), measured >= target);

    private static Verdict AtMost(string what, double measured, double target) =>
        new($"h2load: {what} <= {target.ToString(CultureInfo.InvariantCulture)}", measured.ToString("0.000", CultureInfo.InvariantCulture), measured <= target);

    /// <summary>
    /// The sample talks the negotiation service loads on its first start, with two more tariff
    /// concessions proposed beside the sample's one (list 4B suspended), so that a deal's impact
    /// prices three. Waits until the sample is loaded.
    /// </summary>
    private static async Task<string> SampleTalksWithThreeConcessionsAsync(ServiceProcess negotiation, BenchmarkCredentials credentials)
    {
        using var negotiator = LoadGenerator.Channel(negotiation.Address, credentials.TokenOf("negotiator"));
        var client = new NegotiationService.NegotiationServiceClient(negotiator);
        var talks = await NegotiationCalls.SampleTalksAsync(negotiator, GiveUp);

        // Both in force before the basket's entry date (2019-10-01), so that they change its duty.
        foreach (var (measure, rate, from) in new[] { ("us-301-list-4a", "7.5", new Google.Type.Date { Year = 2019, Month = 9, Day = 1 }), ("us-301-list-3", "10", new Google.Type.Date { Year = 2019, Month = 5, Day = 10 }) })
        {
            await client.RecordCommitmentAsync(new RecordCommitmentRequest
            {
                Parent = talks,
                InitialState = CommitmentState.Proposed,
                Commitment = new Commitment
                {
                    Party = "US",
                    Kind = CommitmentKind.TariffConcession,
                    Concession = new TariffConcession
                    {
                        Measure = $"measures/{measure}",
                        Action = ConcessionAction.SetRate,
                        RatePercent = new Google.Type.Decimal { Value = rate },
                        EffectiveDate = from,
                    },
                },
            });
        }

        return talks;
    }

    private sealed record Measured(H2LoadRun Loaded, H2LoadRun Single, double TariffCpuPerCall, double NegotiationCpuPerCall, long PeakRssMiB);
}
