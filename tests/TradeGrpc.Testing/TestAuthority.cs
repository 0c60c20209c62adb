using TradeGrpc.DevAuth;

namespace TradeGrpc.Testing;

/// <summary>
/// The credentials of every test host: one signing key and one certificate authority per test
/// run, in a temporary folder, the same as <c>./run.sh</c> makes for development.
/// </summary>
public static class TestAuthority
{
    /// <summary>Every role: what a test that is not about access calls with.</summary>
    public static readonly string[] AllRoles = ["analyst", "importer", "exporter", "ustr", "bis", "negotiator", "official", "auditor"];

    private static readonly Lazy<DevAuthority> Authority = new(() =>
        DevAuthority.Open(Path.Combine(Path.GetTempPath(), "tradegrpc-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>The certificate authority's certificate.</summary>
    public static string CaFile => Authority.Value.CaFile;

    /// <summary>A caller holding every role, for Acme Trading.</summary>
    public static string Superuser { get; } = Token("tester", AllRoles, "Acme Trading");

    /// <summary>The settings of a host that trusts these credentials, and knows the negotiation service's certificate.</summary>
    public static IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Auth:JwksFile"] = Authority.Value.JwksFile,
        ["Auth:Issuer"] = DevAuthority.Issuer,
        ["Auth:Audience"] = DevAuthority.Audience,
        ["Auth:ClientCaFile"] = Authority.Value.CaFile,
        ["Auth:ServiceRoles:negotiation"] = "negotiation-service",
    };

    /// <summary>A signed token for <paramref name="roles"/>.</summary>
    public static string Token(string subject, IEnumerable<string> roles, string organisation = "", string party = "", TimeSpan? lifetime = null,
        string issuer = DevAuthority.Issuer, string audience = DevAuthority.Audience) =>
        Authority.Value.Token(subject, roles, organisation, party, lifetime, issuer, audience);

    /// <summary>The PEM files of the TLS and client certificate of <paramref name="name"/>.</summary>
    public static (string Certificate, string Key) Certificate(string name) => Authority.Value.Certificate(name);

    /// <summary>
    /// An endpoint over TLS at <paramref name="port"/> (0: any free one), beside the host's plaintext
    /// one, that takes client certificates: how services call each other.
    /// </summary>
    public static Dictionary<string, string> SecureEndpoint(int port = 0)
    {
        var (certificate, key) = Certificate("localhost");
        return new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Services:Url"] = $"https://127.0.0.1:{port}",
            ["Kestrel:Endpoints:Services:Certificate:Path"] = certificate,
            ["Kestrel:Endpoints:Services:Certificate:KeyPath"] = key,
        };
    }

    /// <summary>
    /// The settings that make a negotiation service call the tariff replicas at <paramref name="tariff"/>
    /// (their TLS endpoints; one address, or several balanced) with its own certificate.
    /// </summary>
    public static Dictionary<string, string> TariffClientSettings(params Uri[] tariff)
    {
        var (certificate, key) = Certificate("negotiation");
        var settings = new Dictionary<string, string>
        {
            ["Tariff:ClientCertificate"] = certificate,
            ["Tariff:ClientKey"] = key,
            ["Tariff:CaFile"] = CaFile,
        };
        if (tariff.Length == 1)
        {
            settings["Tariff:Address"] = tariff[0].ToString();
        }
        else
        {
            for (var i = 0; i < tariff.Length; i++)
            {
                settings[$"Tariff:Addresses:{i}"] = tariff[i].ToString();
            }
        }

        return settings;
    }
}
