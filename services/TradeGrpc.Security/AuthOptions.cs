namespace TradeGrpc.Security;

/// <summary>How callers prove who they are: the Auth section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An OpenID Connect authority: its discovery document gives the signing keys (and the issuer, unless <see cref="Issuer"/> is set).</summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set file of the signing keys, in place of an authority (development, or no network to an authority).</summary>
    public string? JwksFile { get; set; }

    /// <summary>The issuer every token must name.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience every token must name.</summary>
    public string Audience { get; set; } = "tradegrpc";

    /// <summary>Leeway on a token's lifetime, for clocks that disagree.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A PEM file of the certificate authority that issues the services' client certificates; none trusted without it.</summary>
    public string? ClientCaFile { get; set; }

    /// <summary>The roles of each service, by the common name of its client certificate: <c>Auth:ServiceRoles:negotiation=negotiation-service</c>.</summary>
    public Dictionary<string, string> ServiceRoles { get; } = new(StringComparer.Ordinal);
}
