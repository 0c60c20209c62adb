using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>The views by keyboard, and the page as the negotiation host serves it.</summary>
[Collection(SharedDashboard.Name)]
public sealed class NavigationTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Tabs_ArrowKeysHomeAndEnd_MoveBetweenTheViewsAndNameThePage()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var calculator = page.GetByRole(AriaRole.Tab, new() { Name = "Duty calculator" });
        await calculator.FocusAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Rate history" })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Rate history" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Rate history" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Rate history · TradeGrpc dashboard");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#history$"));

        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Deal impact" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(calculator).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Deal impact" })).ToBeVisibleAsync();

        // Only the selected tab is in the tab order; Tab from it goes into its panel.
        await Expect(page.Locator("[role=tab][tabindex='0']")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Tabpanel, new() { Name = "Deal impact" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task PageOfTheNegotiationHost_QuotesOnTheTariffHostAcrossOrigins()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken, fixture.Negotiation);
        var page = dashboard.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");
        await Expect(page.Locator("#status-tariff")).ToContainTextAsync($"answering at {fixture.Tariff.HttpAddress.GetLeftPart(UriPartial.Authority)}");
        await Expect(page.Locator("#status-negotiation")).ToContainTextAsync("your token is accepted");
    }
}
