using System.Globalization;
using Grpc.Core;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// What checking callers costs: h2load (an external client, so the servers' cost is what counts)
/// sends the same LookupRates call, valid token included, to a host that checks callers and to a
/// host built without the check (which ignores the token), in turns. Target: at least 0.9 of the
/// unchecked host's calls/s.
/// </summary>
internal static class AuthBenchmark
{
    public const double Target = 0.9;

    private const int Calls = 100_000;

    public static async Task<Verdict> RunAsync()
    {
        Console.WriteLine($"== auth: h2load, LookupRates with a token against a host that checks none; {MachineLoad.Describe()}");
        await H2Load.EnsureInstalledAsync();
        using var credentials = new BenchmarkCredentials();
        await using var open = await InProcessHost.StartAsync();
        await using var checkedHost = await InProcessHost.StartAsync(credentials: credentials);
        using var counts = GrpcCallCounts.InThisProcess();
        await CheckAsync(checkedHost, credentials.Token);
        using var scratch = new ScratchFolder();
        var request = Path.Combine(scratch.Path, "lookup.bin");
        await File.WriteAllBytesAsync(request, H2Load.Framed(TariffCalls.FurnitureLookup));
        // The in-process listener's own proof: calls with a token that is none are UNAUTHENTICATED in HTTP 200s, and must fail a run.
        await H2Load.ExpectRefusedAsync(() => H2Load.RunAsync($"{checkedHost.Address.GetLeftPart(UriPartial.Authority)}/trade.tariff.v1.TariffService/LookupRates",
            request, "not-a-token", clients: 1, streams: 1, "-n 20", scratch.Path, counts), 20, StatusCode.Unauthenticated);

        // Warm both until tiered compilation has settled (two full runs each), then alternate so
        // that a change in the machine's load falls on both.
        for (var warmup = 0; warmup < 2; warmup++)
        {
            await LoadAsync(open, request, credentials.Token, counts, scratch.Path);
            await LoadAsync(checkedHost, request, credentials.Token, counts, scratch.Path);
        }

        var withoutChecks = new List<double>();
        var withToken = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            withoutChecks.Add(await LoadAsync(open, request, credentials.Token, counts, scratch.Path));
            withToken.Add(await LoadAsync(checkedHost, request, credentials.Token, counts, scratch.Path));
        }

        var ratio = withToken.Average() / withoutChecks.Average();
        Console.WriteLine($"LookupRates calls/s without checks: {string.Join(", ", withoutChecks.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"LookupRates calls/s with a token:   {string.Join(", ", withToken.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}");
        return new Verdict($"auth: LookupRates with a token >= {Target} of unchecked", ratio.ToString("0.000", CultureInfo.InvariantCulture), ratio >= Target);
    }

    /// <summary>Fails unless the checked host answers the token and refuses a call without one: the load then measures the check.</summary>
    private static async Task CheckAsync(InProcessHost host, string token)
    {
        using var tokenChannel = LoadGenerator.Channel(host.Address, token);
        await new TariffService.TariffServiceClient(tokenChannel).LookupRatesAsync(TariffCalls.FurnitureLookup);
        using var without = LoadGenerator.Channel(host.Address, null);
        try
        {
            await new TariffService.TariffServiceClient(without).LookupRatesAsync(TariffCalls.FurnitureLookup);
            throw new InvalidOperationException("the checked host answered a call without a token");
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.Unauthenticated)
        {
            // As it should.
        }
    }

    // Both hosts share this process's one gRPC event source: each run's counts are read before and after it, while the other host is idle.
    private static async Task<double> LoadAsync(InProcessHost host, string request, string token, GrpcCallCounts counts, string scratch) =>
        (await H2Load.RunAsync($"{host.Address.GetLeftPart(UriPartial.Authority)}/trade.tariff.v1.TariffService/LookupRates", request, token,
            clients: 4, streams: 8, $"-n {Calls.ToString(CultureInfo.InvariantCulture)}", scratch, counts)).CallsPerSecond;
}
