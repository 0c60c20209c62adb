using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradeGrpc.Testing;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>What the hosts serve at /dashboard/, over plain HTTP.</summary>
[Collection(SharedDashboard.Name)]
public sealed class DashboardEndpointTests(DashboardFixture fixture) : IDisposable
{
    private readonly TempDirectory emptyFolder = new();

    [Fact]
    public async Task Page_IsServedWithAPolicyThatLetsItCallOnlyItsHostAndThePeer()
    {
        using var http = fixture.Tariff.HttpClientAs(null);

        using var page = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        using var script = await http.GetAsync(new Uri("/dashboard/app.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"connect-src 'self' {fixture.Negotiation.HttpAddress.GetLeftPart(UriPartial.Authority)};", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("<title>TradeGrpc dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        // Chart.js is bundled, its licence kept: the page loads nothing from elsewhere.
        Assert.Contains("Chart.js", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_OfEachHost_NamesThePeerAndLeavesItselfToThePagesOrigin()
    {
        using var tariff = fixture.Tariff.HttpClientAs(null);
        using var negotiation = fixture.Negotiation.HttpClientAs(null);

        using var fromTariff = JsonDocument.Parse(await tariff.GetStringAsync(new Uri("/dashboard/config.json", UriKind.Relative)));
        using var fromNegotiation = JsonDocument.Parse(await negotiation.GetStringAsync(new Uri("/dashboard/config.json", UriKind.Relative)));

        Assert.Equal(("tariff", "", fixture.Negotiation.HttpAddress.GetLeftPart(UriPartial.Authority)),
            (fromTariff.RootElement.GetProperty("host").GetString(), fromTariff.RootElement.GetProperty("tariff").GetString(), fromTariff.RootElement.GetProperty("negotiation").GetString()));
        Assert.Equal(("negotiation", fixture.Tariff.HttpAddress.GetLeftPart(UriPartial.Authority), ""),
            (fromNegotiation.RootElement.GetProperty("host").GetString(), fromNegotiation.RootElement.GetProperty("tariff").GetString(), fromNegotiation.RootElement.GetProperty("negotiation").GetString()));
    }

    [Fact]
    public async Task Paths_WithoutTheSlashOrUnknown_RedirectOrAreNotFound_AndAnUnchangedFileIsNotSentAgain()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Tariff.HttpAddress };

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var bare = await http.GetAsync(new Uri("/dashboard", UriKind.Relative));
        using var unknown = await http.GetAsync(new Uri("/dashboard/secrets.json", UriKind.Relative));
        using var first = await http.GetAsync(new Uri("/dashboard/app.css", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/app.css", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await http.SendAsync(again);

        Assert.Equal((HttpStatusCode.Redirect, "/dashboard/"), (root.StatusCode, root.Headers.Location?.ToString()));
        Assert.Equal((HttpStatusCode.Redirect, "/dashboard/"), (bare.StatusCode, bare.Headers.Location?.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Disabled_ServesNothing()
    {
        await using var app = await MinimalHostAsync(DashboardHost.Tariff, "--Dashboard:Enabled=false");
        using var http = new HttpClient { BaseAddress = Address(app) };

        using var page = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task PeerAddressWithAPath_IsRefusedAtStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            MinimalHostAsync(DashboardHost.Tariff, "--Dashboard:NegotiationAddress=http://127.0.0.1:5202/v1"));

        Assert.Contains("Dashboard:NegotiationAddress", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A host with the dashboard alone, on a port the system gives; its content root is an empty folder, so
    /// that it reads none of the services' appsettings.json copied beside the tests.
    /// </summary>
    private async Task<WebApplication> MinimalHostAsync(DashboardHost host, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            ContentRootPath = emptyFolder.Path,
        });
        builder.Services.AddDashboard(host);
        var app = builder.Build();
        try
        {
            app.MapDashboard();
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public void Dispose() => emptyFolder.Dispose();
}
