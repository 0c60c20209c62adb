using System.Security.Cryptography.X509Certificates;

namespace TradeGrpc.Client;

/// <summary>How a TradeGrpc client reaches its service.</summary>
public sealed class TradeClientOptions
{
    /// <summary>
    /// The service's address, for example <c>http://127.0.0.1:5101</c>, or <c>dns:///tariff:5101</c>
    /// to balance over every address a DNS name resolves to (round robin).
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// Several replicas of the service (all <c>http</c> or all <c>https</c>), balanced round robin;
    /// a replica that stops answering is skipped until it answers again. Use instead of <see cref="Address"/>.
    /// </summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>
    /// The deadline given to calls that set none themselves and inherit none from the gRPC call
    /// they are made in. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first included, when the service answers UNAVAILABLE.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// Gives the bearer token sent with each call (keeping a token until shortly before it expires
    /// is the provider's business). Over plain <c>http</c> the token travels unencrypted: use it so
    /// only on a loopback or otherwise private link.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>The client certificate, with its private key, presented over TLS: how a service proves who it is.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// The certificate authority the service's TLS certificate must chain to, in place of the
    /// system's trusted roots: a private CA, as in development and in compose.
    /// </summary>
    public X509Certificate2? ServerCertificateAuthority { get; set; }

    /// <summary>
    /// Calls over gRPC-Web on HTTP/1.1 instead of gRPC on HTTP/2: for a link that carries no HTTP/2
    /// (a proxy that speaks only HTTP/1.1). Give the service's HTTP address then, for example
    /// <c>http://127.0.0.1:5201</c>, or its TLS address. Client and bidirectional streaming are not
    /// possible over gRPC-Web.
    /// </summary>
    public bool GrpcWeb { get; set; }
}
