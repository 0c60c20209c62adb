using System.Security.Cryptography.X509Certificates;
using TradeGrpc.Client;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>Where the negotiation service reaches the tariff service (section <c>Tariff</c>).</summary>
public sealed class TariffOptions
{
    public const string Section = "Tariff";

    /// <summary>One address, or <c>dns:///host:port</c> to balance over what the name resolves to.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:5101");

    /// <summary>Several tariff replicas, balanced round robin, in place of <see cref="Address"/>.</summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>The deadline of a call to the tariff service when the incoming call has none.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A PEM file of this service's client certificate, with <see cref="ClientKey"/>: how the tariff
    /// service knows the calls that carry out concessions and price deals come from this service.
    /// </summary>
    public string? ClientCertificate { get; set; }

    /// <summary>The PEM file of <see cref="ClientCertificate"/>'s private key.</summary>
    public string? ClientKey { get; set; }

    /// <summary>A PEM file of the certificate authority the tariff service's TLS certificate chains to, when not a public one.</summary>
    public string? CaFile { get; set; }

    public void Configure(TradeClientOptions client)
    {
        // Files that are missing are left to the check at start, which names the setting.
        if (ClientCertificate is { } certificate && File.Exists(certificate) && ClientKey is { } key && File.Exists(key))
        {
            client.ClientCertificate = X509Certificate2.CreateFromPemFile(certificate, key);
        }

        if (CaFile is { } authority && File.Exists(authority))
        {
            client.ServerCertificateAuthority = X509CertificateLoader.LoadCertificateFromFile(authority);
        }

        foreach (var replica in Addresses)
        {
            client.Addresses.Add(replica);
        }

        client.Address = client.Addresses.Count > 0 ? null : Address;
        client.DefaultDeadline = DefaultDeadline;
    }
}
