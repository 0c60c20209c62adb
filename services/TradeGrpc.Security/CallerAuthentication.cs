using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace TradeGrpc.Security;

/// <summary>
/// Configures the two ways in from <see cref="AuthOptions"/>: JwtBearer checks a token's issuer,
/// audience, lifetime and signature (keys from the authority or the JWKS file; asymmetric
/// algorithms only, so neither <c>alg: none</c> nor a shared secret passes); the certificate
/// handler checks a client certificate's chain against the configured CA alone.
/// </summary>
internal sealed class CallerAuthentication(IOptions<AuthOptions> auth) :
    IConfigureNamedOptions<JwtBearerOptions>, IConfigureNamedOptions<CertificateAuthenticationOptions>
{
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = auth.Value;
        // Claims keep the names the token gives them: sub, org, roles, party.
        options.MapInboundClaims = false;
        options.Authority = string.IsNullOrEmpty(settings.Authority) ? null : settings.Authority;
        options.Audience = settings.Audience;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = Algorithms,
            ClockSkew = settings.ClockSkew,
            IssuerSigningKeys = settings.JwksFile is { Length: > 0 } file ? new JsonWebKeySet(File.ReadAllText(file)).GetSigningKeys() : null,
        };
    }

    public void Configure(string? name, CertificateAuthenticationOptions options)
    {
        if (name != CertificateAuthenticationDefaults.AuthenticationScheme)
        {
            return;
        }

        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.RevocationMode = X509RevocationMode.NoCheck;
        if (auth.Value.ClientCaFile is { Length: > 0 } file)
        {
            options.CustomTrustStore.ImportFromPemFile(file);
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(CertificateAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
