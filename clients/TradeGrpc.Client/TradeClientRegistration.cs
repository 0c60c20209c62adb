using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Grpc.Net.Client.Web;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Client;

/// <summary>Registers the TradeGrpc clients with Grpc.Net.ClientFactory.</summary>
public static class TradeClientRegistration
{
    /// <summary>
    /// Registers the clients of the tariff host's three services, <see cref="TariffService.TariffServiceClient"/>
    /// (the schedule and quotes), <see cref="MeasureService.MeasureServiceClient"/> (measures and
    /// exclusions) and <see cref="ExportControlService.ExportControlServiceClient"/>, each with:
    /// retries on UNAVAILABLE only and a default deadline. Inside an ASP.NET Core service,
    /// TradeGrpc.Client.AspNetCore's <c>WithCallContextPropagation()</c> on the result gives them
    /// the deadline and cancellation of the gRPC call they are made in.
    /// </summary>
    public static TradeClients AddTariffClients(this IServiceCollection services, Action<TradeClientOptions> configure) => new(
    [
        services.AddTradeClient<TariffService.TariffServiceClient>(configure),
        services.AddTradeClient<MeasureService.MeasureServiceClient>(configure),
        services.AddTradeClient<ExportControlService.ExportControlServiceClient>(configure),
    ]);

    /// <summary>Registers <see cref="NegotiationService.NegotiationServiceClient"/> with the same defaults as <see cref="AddTariffClients"/>.</summary>
    public static IHttpClientBuilder AddNegotiationClient(this IServiceCollection services, Action<TradeClientOptions> configure) =>
        services.AddTradeClient<NegotiationService.NegotiationServiceClient>(configure);

    private static IHttpClientBuilder AddTradeClient<TClient>(this IServiceCollection services, Action<TradeClientOptions> configure)
        where TClient : class
    {
        var options = new TradeClientOptions();
        configure(options);
        var address = Balanced(services, typeof(TClient).Name, options)
            ?? throw new ArgumentException($"{typeof(TClient).Name} needs an Address or Addresses.", nameof(configure));
        var tls = (options.Addresses.Count > 0 ? options.Addresses[0] : address).Scheme == Uri.UriSchemeHttps;

        var builder = services
            .AddGrpcClient<TClient>(o => o.Address = address)
            .ConfigureChannel(channel =>
            {
                channel.ServiceConfig = RetryOnUnavailable(options.MaxAttempts);
                if (address.Scheme is not ("http" or "https"))
                {
                    channel.Credentials = tls ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
                }

                // The caller chose a plaintext address and a token: send it (see TokenProvider).
                channel.UnsafeUseInsecureChannelCallCredentials = !tls;
            });
        if (options.TokenProvider is { } tokens)
        {
            builder.AddCallCredentials(async (context, metadata) => metadata.Add("Authorization", $"Bearer {await tokens(context.CancellationToken)}"));
        }

        if (options.GrpcWeb)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => new GrpcWebHandler(GrpcWebMode.GrpcWeb, SocketsHandler(options.ClientCertificate, options.ServerCertificateAuthority)));
            builder.ConfigureChannel(channel =>
            {
                channel.HttpVersion = HttpVersion.Version11;
                channel.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            });
        }
        else if (options.ClientCertificate is not null || options.ServerCertificateAuthority is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(() => SocketsHandler(options.ClientCertificate, options.ServerCertificateAuthority));
        }

        if (options.DefaultDeadline != Timeout.InfiniteTimeSpan)
        {
            // Registered once every other configuration of the client has run (PostConfigure), so that it is the innermost
            // interceptor: a deadline another one sets stands, such as the incoming call's that call-context propagation
            // (TradeGrpc.Client.AspNetCore, configured after this method) passes on, and only a call still without one gets the default.
            services.PostConfigure<GrpcClientFactoryOptions>(builder.Name, o => o.InterceptorRegistrations.Add(new InterceptorRegistration(
                InterceptorScope.Channel, sp => new DefaultDeadlineInterceptor(options.DefaultDeadline, sp.GetService<TimeProvider>() ?? TimeProvider.System))));
        }

        return builder;
    }

    /// <summary>A handler that presents <paramref name="certificate"/>, if any, and trusts servers whose certificate chains to <paramref name="authority"/>, if any.</summary>
    private static SocketsHttpHandler SocketsHandler(X509Certificate2? certificate, X509Certificate2? authority)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        if (authority is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, server, _, errors) =>
                server is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && ChainsTo(server, authority);
        }

        return handler;
    }

    private static bool ChainsTo(X509Certificate server, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(server);
        return chain.Build(leaf);
    }

    /// <summary>The channel address: the configured one, or <c>replicas:///{client}</c> over the registered replica list.</summary>
    private static Uri? Balanced(IServiceCollection services, string client, TradeClientOptions options)
    {
        if (options.Addresses.Count == 0)
        {
            return options.Address;
        }

        var factory = services.Where(d => !d.IsKeyedService).Select(d => d.ImplementationInstance).OfType<ReplicaResolverFactory>().FirstOrDefault();
        if (factory is null)
        {
            factory = new ReplicaResolverFactory();
            services.AddSingleton<ResolverFactory>(factory);
        }

        factory.Register(client, options.Addresses);
        return new Uri($"{ReplicaResolverFactory.Scheme}:///{client}");
    }

    private static ServiceConfig RetryOnUnavailable(int maxAttempts) => new()
    {
        LoadBalancingConfigs = { new RoundRobinConfig() },
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = maxAttempts,
                    InitialBackoff = TimeSpan.FromMilliseconds(100),
                    MaxBackoff = TimeSpan.FromSeconds(2),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            },
        },
    };
}
