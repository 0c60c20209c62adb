using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Testing;

/// <summary>
/// Hosts a service in-process on Kestrel at a free loopback port with h2c and another with
/// HTTP/1.1 (REST, gRPC-Web, OpenAPI), its store in a temporary folder, and hands out a channel to it. <see cref="RestartAsync"/> stops it and
/// starts it again on the same folder.
/// </summary>
public sealed class ServiceHost(Func<string[], WebApplication> build, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private readonly TempDirectory data = new();
    private WebApplication? app;
    private GrpcChannel? channel;
    private Uri? secureAddress;

    public string DataDirectory => data.Path;

    public Uri Address { get; private set; } = null!;

    /// <summary>The HTTP/1.1 endpoint: REST/JSON, gRPC-Web and the OpenAPI document.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>A channel to <see cref="Address"/> whose calls carry a token of every role (<see cref="TestAuthority.Superuser"/>).</summary>
    public GrpcChannel Channel => channel ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>The TLS endpoint that takes client certificates, when the settings named one (<see cref="TestAuthority.SecureEndpoint(int)"/>).</summary>
    public Uri SecureAddress => secureAddress ?? throw new InvalidOperationException("The host has no TLS endpoint: start it with TestAuthority.SecureEndpoint.");

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The host is not started.");

    public static async Task<ServiceHost> StartAsync(Func<string[], WebApplication> build, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new ServiceHost(build, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts the host unless it is running.</summary>
    public async Task StartAsync()
    {
        if (app is not null)
        {
            return;
        }

        // Every endpoint on a port the system gives as it binds (a port found free beforehand can be taken
        // by another process before Kestrel binds it).
        var args = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
            ["Storage:DataDirectory"] = data.Path,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
            ["Sample:File"] = "",
        };
        foreach (var (key, value) in TestAuthority.HostSettings.Concat(settings ?? new Dictionary<string, string>()))
        {
            args[key] = value;
        }

        app = build([.. args.Select(a => $"--{a.Key}={a.Value}")]);
        // Kestrel lists the addresses it bound without the endpoints' names: the HTTP/1.1 one is known by its options, which binding gives its port.
        ListenOptions? http = null;
        app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.ConfigurationLoader!.Endpoint("Http", endpoint => http = endpoint.ListenOptions);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var httpPort = http!.IPEndPoint!.Port;
        HttpAddress = addresses.Single(a => a.Scheme == Uri.UriSchemeHttp && a.Port == httpPort);
        Address = addresses.Single(a => a.Scheme == Uri.UriSchemeHttp && a.Port != httpPort);
        secureAddress = addresses.SingleOrDefault(a => a.Scheme == Uri.UriSchemeHttps);
        channel = ChannelAs(TestAuthority.Superuser);
    }

    /// <summary>A channel whose calls carry <paramref name="token"/>; none when null.</summary>
    public GrpcChannel ChannelAs(string? token) => GrpcChannel.ForAddress(Address, token is null ? new GrpcChannelOptions() : new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {token}");
            return Task.CompletedTask;
        })),
        // Plaintext to a loopback host: the token stays on this machine.
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>A client of <see cref="HttpAddress"/> whose requests carry <paramref name="token"/>; none when null.</summary>
    public HttpClient HttpClientAs(string? token)
    {
        var client = new HttpClient { BaseAddress = HttpAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task StopAsync()
    {
        channel?.Dispose();
        channel = null;
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Dispose();
    }
}
