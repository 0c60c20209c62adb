using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TradeGrpc.DevAuth;

/// <summary>
/// The credentials of a development setup, kept as PEM and JSON files in one folder: a P-256 key
/// that signs tokens (published as <c>jwks.json</c>), and a certificate authority (<c>ca.crt</c>)
/// that issues each host a TLS certificate and each service a client certificate. Files that exist
/// are reused, so a second start finds the same keys.
/// </summary>
public sealed class DevAuthority
{
    public const string Issuer = "tradegrpc-dev";

    public const string Audience = "tradegrpc";

    private readonly ECDsaSecurityKey signingKey;

    private DevAuthority(string folder, ECDsa signer)
    {
        Folder = folder;
        signingKey = new ECDsaSecurityKey(signer) { KeyId = "dev-" + Convert.ToHexStringLower(SHA256.HashData(signer.ExportSubjectPublicKeyInfo()))[..16] };
    }

    public string Folder { get; }

    /// <summary>The JSON Web Key Set of the signing key: what the services' Auth:JwksFile names.</summary>
    public string JwksFile => Path.Combine(Folder, "jwks.json");

    /// <summary>The certificate authority's certificate: what Auth:ClientCaFile and the clients' CA settings name.</summary>
    public string CaFile => Path.Combine(Folder, "ca.crt");

    /// <summary>Opens the authority in <paramref name="folder"/>, creating what is missing.</summary>
    public static DevAuthority Open(string folder)
    {
        Directory.CreateDirectory(folder);
        var authority = new DevAuthority(folder, Key(Path.Combine(folder, "signing.key")));
        var point = authority.signingKey.ECDsa.ExportParameters(false).Q;
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(point.X),
            ["y"] = Base64UrlEncoder.Encode(point.Y),
            ["kid"] = authority.signingKey.KeyId,
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
        };
        File.WriteAllText(authority.JwksFile, System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { jwk } }));
        using (authority.Ca())
        {
            return authority;
        }
    }

    /// <summary>A signed token for <paramref name="roles"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Token(string subject, IEnumerable<string> roles, string organisation = "", string party = "", TimeSpan? lifetime = null,
        string issuer = Issuer, string audience = Audience)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (organisation.Length > 0)
        {
            claims.Add(new Claim("org", organisation));
        }

        if (party.Length > 0)
        {
            claims.Add(new Claim("party", party));
        }

        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromHours(12));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expires < now ? expires.AddMinutes(-5) : now,
            IssuedAt = expires < now ? expires.AddMinutes(-5) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>
    /// The TLS certificate of a host (<c>{name}.crt</c> and <c>{name}.key</c>), for <paramref name="name"/>,
    /// <paramref name="otherNames"/>, localhost and 127.0.0.1, and the client certificate of the
    /// service it runs (common name <paramref name="name"/>): one certificate serves both.
    /// </summary>
    public (string Certificate, string Key) Certificate(string name, params string[] otherNames)
    {
        var (certificateFile, keyFile) = (Path.Combine(Folder, $"{name}.crt"), Path.Combine(Folder, $"{name}.key"));
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            return (certificateFile, keyFile);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in otherNames.Prepend(name).Append("localhost"))
        {
            names.AddDnsName(dnsName);
        }

        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var ca = Ca();
        var serial = RandomNumberGenerator.GetBytes(16);
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2), serial);
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        return (certificateFile, keyFile);
    }

    private X509Certificate2 Ca()
    {
        var keyFile = Path.Combine(Folder, "ca.key");
        using var key = Key(keyFile);
        if (!File.Exists(CaFile))
        {
            var request = new CertificateRequest("CN=TradeGrpc development CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            File.WriteAllText(CaFile, created.ExportCertificatePem());
        }

        return X509Certificate2.CreateFromPemFile(CaFile, keyFile);
    }

    private static ECDsa Key(string file)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(file))
        {
            key.ImportFromPem(File.ReadAllText(file));
        }
        else
        {
            File.WriteAllText(file, key.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return key;
    }
}
