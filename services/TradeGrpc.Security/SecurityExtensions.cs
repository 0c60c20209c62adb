using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Security;

public static class SecurityExtensions
{
    /// <summary>
    /// Bearer tokens and client certificates, checked by <see cref="AccessInterceptor"/> against the
    /// host's <see cref="AccessTable"/>. Settings come from the Auth section and are checked at start.
    /// </summary>
    public static WebApplicationBuilder AddCallerAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => !string.IsNullOrEmpty(o.Authority) || !string.IsNullOrEmpty(o.JwksFile),
                "Auth:Authority or Auth:JwksFile must say where the keys that sign tokens come from.")
            .Validate(o => string.IsNullOrEmpty(o.JwksFile) || File.Exists(o.JwksFile), "Auth:JwksFile must name a JSON Web Key Set file.")
            .Validate(o => string.IsNullOrEmpty(o.JwksFile) || !string.IsNullOrEmpty(o.Issuer),
                "Auth:Issuer must name the issuer of the tokens that the keys in Auth:JwksFile sign.")
            .Validate(o => string.IsNullOrEmpty(o.ClientCaFile) || File.Exists(o.ClientCaFile), "Auth:ClientCaFile must name a PEM file of a certificate authority.")
            .Validate(o => o.Audience.Length > 0, "Auth:Audience must name the audience tokens are issued for.")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, CallerAuthentication>();
        services.AddSingleton<IConfigureOptions<CertificateAuthenticationOptions>, CallerAuthentication>();
        services.AddAuthentication().AddJwtBearer().AddCertificate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CallerAuthenticator>();
        services.AddSingleton<AccessInterceptor>();
        // Kestrel takes any client certificate over TLS and the certificate handler decides, against
        // the configured CA alone; an endpoint may still demand one (ClientCertificateMode).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        }));
        return builder;
    }
}
