using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TradeGrpc.Negotiation;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>
/// Both hosts in-process, as <c>./run.sh</c> wires them: the tariff host, and the negotiation host with
/// the bundled sample talks calling it (Phase One's concessions carried out); each serves the dashboard and names the other's HTTP address,
/// and lets the other's page call it (CORS). Then Debian's Chromium, headless, driven by Playwright.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>An analyst: tariff.read and talks.read, all the dashboard reads.</summary>
    public static readonly string AnalystToken = TestAuthority.Token("analyst", ["analyst"], "Example Analyst");

    private IPlaywright? playwright;

    public ServiceHost Tariff { get; private set; } = null!;

    public ServiceHost Negotiation { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each view's screenshot goes: <c>TestResults/dashboard</c> at the top of the repository.</summary>
    public static string ScreenshotDirectory { get; } = Screenshots.Directory();

    public async Task InitializeAsync()
    {
        // The negotiation host's HTTP port is chosen first: the tariff host's page and CORS name it.
        var negotiationHttp = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        Tariff = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string>(TestAuthority.SecureEndpoint())
        {
            ["Dashboard:NegotiationAddress"] = negotiationHttp.ToString(),
            ["Cors:AllowedOrigins:0"] = Origin(negotiationHttp),
        });
        Negotiation = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string>(TestAuthority.TariffClientSettings(Tariff.SecureAddress))
        {
            ["Kestrel:Endpoints:Http:Url"] = negotiationHttp.ToString(),
            ["Sample:File"] = "data/negotiation/us-china-2018-2019.json",
            ["Tariff:DefaultDeadline"] = "00:00:05",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Outbox:FirstRetryDelay"] = "00:00:00.100",
            ["Dashboard:TariffAddress"] = Tariff.HttpAddress.ToString(),
            ["Cors:AllowedOrigins:0"] = Origin(Tariff.HttpAddress),
        });
        // Phase One's concessions carried out on the tariff host, so that the deal is priced as it stands.
        var client = new NegotiationService.NegotiationServiceClient(Negotiation.Channel);
        var phaseOne = (await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations[1];
        var concessions = await Eventually.PollAsync(
            async () => (await client.ListCommitmentsAsync(new ListCommitmentsRequest { Parent = phaseOne.Name })).Commitments.Where(c => c.Kind == CommitmentKind.TariffConcession).ToList(),
            all => all.All(c => c.Delivery?.State == DeliveryState.Delivered),
            TimeSpan.FromSeconds(60));
        if (concessions.Find(c => c.Delivery?.State != DeliveryState.Delivered) is { } late)
        {
            throw new InvalidOperationException($"{late.Name} was not carried out on the tariff host within a minute: {late.Delivery}");
        }

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path(),
            Headless = true,
            // No GPU and a small /dev/shm in containers: what Chromium needs to run headless anywhere.
            Args = ["--disable-gpu", "--disable-dev-shm-usage", "--font-render-hinting=none"],
        });
    }

    /// <summary>
    /// A new browser tab on the dashboard of <paramref name="host"/> (the tariff host by default) at
    /// <paramref name="view"/>, with <paramref name="token"/> pasted in the token field as a user would.
    /// Errors the page throws, and anything the Content-Security-Policy blocks, fail the test at <see cref="DashboardPage.DisposeAsync"/>.
    /// </summary>
    public async Task<DashboardPage> OpenAsync(string view, string? token, ServiceHost? host = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync(new Uri((host ?? Tariff).HttpAddress, $"/dashboard/#{view}").ToString());
        await Assertions.Expect(page.Locator("body[data-ready]")).ToHaveCountAsync(1);
        if (token is not null)
        {
            await page.GetByLabel("Bearer token").FillAsync(token);
            await page.GetByRole(AriaRole.Button, new() { Name = "Use token" }).ClickAsync();
        }

        return dashboard;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (Negotiation is not null)
        {
            await Negotiation.DisposeAsync();
        }

        if (Tariff is not null)
        {
            await Tariff.DisposeAsync();
        }
    }

    private static string Origin(Uri address) => address.GetLeftPart(UriPartial.Authority);
}

/// <summary>One tab, with what went wrong in it.</summary>
public sealed partial class DashboardPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly List<string> problems = Watch(page);

    public IPage Page => page;

    /// <summary>The view's screenshot, as <c>{name}.png</c> under <see cref="DashboardFixture.ScreenshotDirectory"/>.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DashboardFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        Assert.True(problems.Count == 0, $"The page reported: {string.Join(" | ", problems)}");
    }

    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add($"uncaught: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && ContentSecurityPolicy().IsMatch(message.Text))
            {
                problems.Add($"blocked: {message.Text}");
            }
        };
        return problems;
    }

    [GeneratedRegex("Content Security Policy", RegexOptions.IgnoreCase)]
    private static partial Regex ContentSecurityPolicy();
}

[CollectionDefinition(Name)]
public sealed class SharedDashboard : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

/// <summary>The system's Chromium: Debian's package (<c>apt-get install chromium</c>, which ./test.sh runs), or <c>CHROMIUM_PATH</c>.</summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

    public static string Path()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"CHROMIUM_PATH names {configured}, which does not exist.");
        }

        return Candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("No Chromium found: install Debian's package (apt-get install chromium; ./test.sh does it when run as root) or set CHROMIUM_PATH.");
    }
}

internal static class Screenshots
{
    public static string Directory()
    {
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "TradeGrpc.sln")))
            {
                return System.IO.Path.Combine(folder.FullName, "TestResults", "dashboard");
            }
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard");
    }
}
