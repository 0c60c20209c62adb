using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Hosting;
using TradeGrpc.Tariff;

namespace TradeGrpc.Benchmarks;

/// <summary>
/// The tariff service as <see cref="TariffApp.Build(string[], CallerChecks, Action{IServiceCollection})"/> makes it with callers unchecked (its
/// DiagnosticsService Ping the no-op baseline), on Kestrel at a free loopback port with h2c and its store in a scratch folder.
/// </summary>
internal sealed class InProcessHost(WebApplication app, ScratchFolder data, Uri address) : IAsyncDisposable
{
    public Uri Address => address;

    public IServiceProvider Services => app.Services;

    /// <param name="withoutValidation">Diagnosis: skip request validation.</param>
    /// <param name="credentials">Check callers against these credentials; null for a host that checks none.</param>
    public static async Task<InProcessHost> StartAsync(bool withoutValidation = false, BenchmarkCredentials? credentials = null)
    {
        var data = new ScratchFolder();
        var httpPort = ServiceProcess.FreePort();
        List<string> args =
        [
            "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
            // A free port of its own, told apart from the gRPC one by its number: appsettings.json's 5201 may be taken by ./run.sh.
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{httpPort}",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            $"--Storage:DataDirectory={data.Path}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:Console:FormatterName=simple",
        ];
        if (withoutValidation)
        {
            args.Add($"--{WithoutValidation.Switch}=true");
        }

        // Without credentials, callers unchecked: the suites that load such a host measure the handlers against a no-op call.
        args.AddRange(credentials?.Switches ?? []);
        var app = TariffApp.Build([.. args], credentials is null ? CallerChecks.Off : CallerChecks.Enforced);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new InProcessHost(app, data, addresses.Addresses.Select(a => new Uri(a)).Single(a => a.Port != httpPort));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        data.Dispose();
    }
}
