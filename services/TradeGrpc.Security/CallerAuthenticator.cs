using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TradeGrpc.Errors;
using TradeGrpc.Identity;

namespace TradeGrpc.Security;

/// <summary>
/// Finds the caller of a call: from its bearer token, else from its client certificate. A token or
/// certificate is checked in full once (by JwtBearer, or the certificate handler) and then
/// remembered until it expires, at most <see cref="TrustedFor"/>, so that a caller's next calls
/// cost a dictionary lookup. A credential that does not hold is UNAUTHENTICATED with a reason
/// that says why.
/// </summary>
public sealed class CallerAuthenticator(IOptions<AuthOptions> options, TimeProvider clock)
{
    /// <summary>How long a checked credential is trusted before it is checked again.</summary>
    public static readonly TimeSpan TrustedFor = TimeSpan.FromMinutes(5);

    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> remembered = new(StringComparer.Ordinal);

    public async ValueTask<Caller> AuthenticateAsync(HttpContext http)
    {
        string? authorization = http.Request.Headers.Authorization;
        if (authorization is not null)
        {
            // Remembered under the whole header, so that a caller seen before costs no string work.
            if (Recall(authorization) is { } known)
            {
                return known;
            }

            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                throw new UnauthenticatedException("CREDENTIALS_UNSUPPORTED", "The authorization header must carry a bearer token: 'Bearer <token>'.");
            }

            return Remember(authorization, await FromTokenAsync(http, authorization[7..].Trim()));
        }

        if (http.Connection.ClientCertificate is { } certificate)
        {
            return Recall(certificate.Thumbprint) ?? Remember(certificate.Thumbprint, await FromCertificateAsync(http));
        }

        throw new UnauthenticatedException("CREDENTIALS_MISSING",
            "The call carries no credentials: send a bearer token in the authorization header, or a client certificate.");
    }

    private static async Task<(Caller, DateTimeOffset)> FromTokenAsync(HttpContext http, string token)
    {
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            throw TokenRefused(token, result.Failure);
        }

        var claims = result.Principal;
        var roles = claims.FindAll("roles").Select(c => c.Value);
        var caller = new Caller(new Actor(claims.FindFirstValue("sub") ?? "", claims.FindFirstValue("org") ?? "", CredentialKind.Token),
            Roles.PermissionsOf(roles), claims.FindFirstValue("party") ?? "");
        var expires = long.TryParse(claims.FindFirstValue("exp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MaxValue;
        return (caller, expires);
    }

    private async Task<(Caller, DateTimeOffset)> FromCertificateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(CertificateAuthenticationDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            throw new UnauthenticatedException("CERTIFICATE_INVALID",
                $"The client certificate is not one this service trusts: {result.Failure?.Message ?? "no certificate authority is configured"}");
        }

        var certificate = http.Connection.ClientCertificate!;
        var name = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
        var roles = options.Value.ServiceRoles.GetValueOrDefault(name, "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (new Caller(new Actor(name, "", CredentialKind.Certificate), Roles.PermissionsOf(roles), ""), certificate.NotAfter);
    }

    private Caller? Recall(string key) =>
        remembered.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Caller : null;

    private Caller Remember(string key, (Caller Caller, DateTimeOffset Expires) checkedCaller)
    {
        var now = clock.GetUtcNow();
        if (remembered.Count >= MaxRemembered)
        {
            foreach (var (stale, _) in remembered.Where(e => e.Value.Until <= now))
            {
                remembered.TryRemove(stale, out _);
            }

            if (remembered.Count >= MaxRemembered)
            {
                remembered.Clear();
            }
        }

        var until = checkedCaller.Expires < now + TrustedFor ? checkedCaller.Expires : now + TrustedFor;
        remembered[key] = (checkedCaller.Caller, until);
        return checkedCaller.Caller;
    }

    private static UnauthenticatedException TokenRefused(string token, Exception? failure)
    {
        if (IsUnsigned(token))
        {
            return new UnauthenticatedException("TOKEN_UNSIGNED", "The token is not signed (alg: none); only signed tokens are accepted.");
        }

        return failure switch
        {
            SecurityTokenExpiredException => new("TOKEN_EXPIRED", "The token has expired."),
            SecurityTokenNotYetValidException => new("TOKEN_NOT_YET_VALID", "The token is not valid yet."),
            SecurityTokenInvalidAudienceException => new("TOKEN_AUDIENCE_INVALID", "The token is for another audience."),
            SecurityTokenInvalidIssuerException => new("TOKEN_ISSUER_INVALID", "The token comes from an issuer this service does not trust."),
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidAlgorithmException =>
                new("TOKEN_SIGNATURE_INVALID", "The token's signature does not verify with the issuer's keys."),
            SecurityTokenMalformedException or ArgumentException => new("TOKEN_MALFORMED", "The bearer token is not a JSON Web Token."),
            _ => new("TOKEN_INVALID", $"The token is not valid: {failure?.Message}"),
        };
    }

    private static bool IsUnsigned(string token)
    {
        try
        {
            return new JsonWebToken(token).Alg is "none" or "";
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
