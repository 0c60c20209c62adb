using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TradeGrpc.Dashboard;

/// <summary>Which service's host serves the page: its own REST surface is the page's origin.</summary>
public enum DashboardHost
{
    Tariff,
    Negotiation,
}

/// <summary>
/// The dashboard's settings (section <c>Dashboard</c>): where a browser reaches each service's HTTP/1.1
/// port. The page calls its own host on its own origin, and the other service at the address given
/// here, which must list this host's origin in its <c>Cors:AllowedOrigins</c>.
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>False: no page, no <c>/dashboard/</c> routes.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The tariff service's HTTP address as a browser reaches it, for example <c>http://127.0.0.1:5201</c>; unset on the tariff host: the page's own origin.</summary>
    public Uri? TariffAddress { get; set; }

    /// <summary>The negotiation service's HTTP address as a browser reaches it, for example <c>http://127.0.0.1:5202</c>; unset on the negotiation host: the page's own origin.</summary>
    public Uri? NegotiationAddress { get; set; }

    internal static bool IsOrigin(Uri? address) =>
        address is null || (address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
            && address.AbsolutePath == "/" && string.IsNullOrEmpty(address.Query) && string.IsNullOrEmpty(address.Fragment));
}

/// <summary>
/// Serves the web dashboard at <see cref="PathBase"/>: the page, its script and style (embedded in this
/// assembly at build time) and <c>config.json</c>, which tells the page where each service is. The page
/// holds no data and needs no credentials; every call it makes carries the user's bearer token.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Where the page is served.</summary>
    public const string PathBase = "/dashboard/";

    /// <param name="services">The host's services.</param>
    /// <param name="host">Which service this host is.</param>
    public static IServiceCollection AddDashboard(this IServiceCollection services, DashboardHost host)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => DashboardOptions.IsOrigin(o.TariffAddress) && DashboardOptions.IsOrigin(o.NegotiationAddress),
                "Dashboard:TariffAddress and Dashboard:NegotiationAddress must be http or https origins such as http://127.0.0.1:5202, without a path.")
            .ValidateOnStart();
        services.AddSingleton(sp => new DashboardSite(host, sp.GetRequiredService<IOptions<DashboardOptions>>().Value));
        return services;
    }

    /// <summary>
    /// The page's routes, unless <c>Dashboard:Enabled</c> is false: endpoints of their own, which no gRPC
    /// call passes through. <c>/</c> sends a browser to the page.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var site = app.Services.GetRequiredService<DashboardSite>();
        if (!site.Enabled)
        {
            return app;
        }

        string[] read = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", read, () => Results.Redirect(PathBase)).ExcludeFromDescription();
        // Routing matches /dashboard and /dashboard/ alike; the page's relative links need the slash.
        app.MapMethods(PathBase, read, (HttpContext context) =>
            context.Request.Path.Value!.EndsWith('/') ? site.Page(context) : Results.Redirect(PathBase)).ExcludeFromDescription();
        app.MapMethods(PathBase + "config.json", read, (HttpContext context) => site.Config(context)).ExcludeFromDescription();
        app.MapMethods(PathBase + "{file}", read, (string file, HttpContext context) => site.Asset(file, context)).ExcludeFromDescription();
        return app;
    }
}

/// <summary>The embedded files and the page's configuration, read once.</summary>
internal sealed class DashboardSite
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    private readonly Dictionary<string, EmbeddedFile> assets;
    private readonly byte[] config;
    private readonly string contentSecurityPolicy;

    public DashboardSite(DashboardHost host, DashboardOptions options)
    {
        Enabled = options.Enabled;
        var assembly = typeof(DashboardSite).Assembly;
        assets = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(name => name[ResourcePrefix.Length..], name => EmbeddedFile.Read(assembly, name), StringComparer.Ordinal);

        // Each service's address as the page should call it: "" for the page's own origin, null when unknown.
        string? Address(DashboardHost service, Uri? configured) =>
            configured is not null ? configured.GetLeftPart(UriPartial.Authority) : service == host ? "" : null;
        var tariff = Address(DashboardHost.Tariff, options.TariffAddress);
        var negotiation = Address(DashboardHost.Negotiation, options.NegotiationAddress);
        config = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["host"] = host == DashboardHost.Tariff ? "tariff" : "negotiation",
            ["tariff"] = tariff,
            ["negotiation"] = negotiation,
        });
        // The page runs only its own script and style, and calls only its own origin and the services named.
        var connect = string.Join(' ', new[] { "'self'", tariff, negotiation }.Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal));
        contentSecurityPolicy = $"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src {connect}; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    public bool Enabled { get; }

    public IResult Page(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return Asset("index.html", context);
    }

    public IResult Config(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(config, "application/json; charset=utf-8");
    }

    public IResult Asset(string file, HttpContext context)
    {
        if (!assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        // Checked on every load, so that a new build's page is never mixed with an old script; the ETag saves the transfer.
        headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private sealed record EmbeddedFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag)
    {
        public static EmbeddedFile Read(System.Reflection.Assembly assembly, string name)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
            return new EmbeddedFile(content, ContentTypes[Path.GetExtension(name)], tag);
        }
    }
}
