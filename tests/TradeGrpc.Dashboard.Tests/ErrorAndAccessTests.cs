using Microsoft.Playwright;
using TradeGrpc.Testing;
using static Microsoft.Playwright.Assertions;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>What the page says when a call fails: no token, a token without the permission, a service down or unavailable.</summary>
[Collection(SharedDashboard.Name)]
public sealed class ErrorAndAccessTests(DashboardFixture fixture)
{
    [Fact]
    public async Task NoToken_ThePageAsksForOne()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", token: null);
        var page = dashboard.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("A token is needed");
        await Expect(page.Locator("#status-tariff")).ToContainTextAsync("answering; a token is needed");
        await Expect(page.Locator("#token-who")).ToContainTextAsync("No token yet");
    }

    [Fact]
    public async Task ImporterToken_ReadsTariffsButNotTheTalks_AndThePageNamesThePermission()
    {
        var importer = TestAuthority.Token("importer", ["importer"], "Acme Trading");
        await using var dashboard = await fixture.OpenAsync("talks", importer);
        var page = dashboard.Page;

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your token lacks the permission talks.read");
        await Expect(page.Locator("#status-negotiation")).ToContainTextAsync("your token lacks the permission talks.read");
        await Expect(page.Locator("#status-tariff")).ToContainTextAsync("your token is accepted");
        await Expect(page.Locator("#token-who")).ToContainTextAsync("Token for importer of Acme Trading with the roles importer");
        await dashboard.ScreenshotAsync("talks-permission-denied");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Duty calculator" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");
    }

    [Fact]
    public async Task NegotiationServiceDown_TheTalksSayItDoesNotAnswer()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        // Every connection to the negotiation host refused, as the browser sees a stopped service.
        await page.RouteAsync($"{fixture.Negotiation.HttpAddress.GetLeftPart(UriPartial.Authority)}/**", route => route.AbortAsync("connectionrefused"));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Talks" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The negotiation service is down or unreachable");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"does not answer at {fixture.Negotiation.HttpAddress.GetLeftPart(UriPartial.Authority)}");
        await Expect(page.Locator("#status-negotiation")).ToContainTextAsync("down or unreachable");
        await Expect(page.Locator("#dot-negotiation")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bad"));
    }

    [Fact]
    public async Task StoreUnavailable_TheCalculatorSaysSoWithTheReason()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        // The answer a host gives while its store does not answer (README: STORE_UNAVAILABLE, 503).
        await page.RouteAsync("**/v1/tariff:quoteDuty", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503, ContentType = "application/json",
            Body = """{"code":14,"message":"The store does not answer.","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"STORE_UNAVAILABLE","domain":"tariff.tradegrpc.dev","metadata":{}}]}""",
        }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The tariff service is unavailable");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The store does not answer. (STORE_UNAVAILABLE). Try again shortly.");
        await Expect(page.Locator("#status-tariff")).ToContainTextAsync("unavailable");
    }
}
