using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>Phase One's purchase pledges and its tariff concessions, from the bundled sample.</summary>
[Collection(SharedDashboard.Name)]
public sealed class PurchasesAndImpactTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Purchases_Of2020_ShowBaselineCommitmentAndPurchasesPerCategory()
    {
        await using var dashboard = await fixture.OpenAsync("purchases", DashboardFixture.AnalystToken);
        var page = dashboard.Page;

        // The first negotiation with purchase commitments: Phase One's, for 2020.
        await Expect(page.Locator("#purchases-negotiation option:checked")).ToHaveTextAsync("US-China Phase One talks");
        var agriculture = page.Locator("#purchases-table tbody tr", new() { HasText = "Agriculture" });
        await Expect(agriculture).ToContainTextAsync("$20,969,792,856");
        await Expect(agriculture).ToContainTextAsync("$12,500,000,000");
        await Expect(agriculture).ToContainTextAsync("$33,469,792,856");
        await Expect(agriculture).ToContainTextAsync("$27,303,827,703");
        await Expect(agriculture).ToContainTextAsync("81.6%");
        await Expect(page.Locator("#purchases-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#purchases-table tfoot")).ToContainTextAsync("$142,670,493,778");
        await dashboard.ScreenshotAsync("purchases");

        await page.GetByLabel("Year").SelectOptionAsync("2021");
        await Expect(page.Locator("#purchases-table tbody tr", new() { HasText = "Agriculture" })).ToContainTextAsync("$19,500,000,000");
    }

    [Fact]
    public async Task DealImpact_OfPhaseOne_PricesTheBasketBeforeAndAfterTheConcessions()
    {
        await using var dashboard = await fixture.OpenAsync("impact", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Deal impact" });

        // Priced as it opens, for the first negotiation whose concessions are official: Phase One. Books (list 4A) $1,000, a laptop (list 4B) $2,000 and furniture (list 3) $10,000 of
        // China on 2020-03-01: $150 + $300 + $3,000 before; 4A at 7.5%, 4B and the rise suspended: $75 + $0 + $2,500.
        await Expect(page.Locator("#impact-negotiation option:checked")).ToHaveTextAsync("US-China Phase One talks");
        await Expect(page.Locator("#impact-before")).ToHaveTextAsync("$3,450.00");
        await Expect(page.Locator("#impact-after")).ToHaveTextAsync("$2,575.00");
        await Expect(page.Locator("#impact-delta")).ToHaveTextAsync("−$875.00");
        var list4A = page.Locator("#impact-table tbody tr", new() { HasText = "Section 301 list 4A" });
        await Expect(list4A).ToContainTextAsync("15% → 7.5%");
        await Expect(list4A).ToContainTextAsync("$3,375.00");
        await Expect(page.Locator("#impact-table tbody tr")).ToHaveCountAsync(6);
        await dashboard.ScreenshotAsync("impact");

        // China's side: US soybeans for $10,000, 3% + 25% + the tranche's 5% before, the tranche halved after.
        await view.GetByLabel("Importing country", new() { Exact = true }).SelectOptionAsync("CN");
        await Expect(view.GetByLabel("Basket line 1: HS code")).ToHaveValueAsync("1201.90");
        await view.GetByRole(AriaRole.Button, new() { Name = "Price the basket" }).ClickAsync();
        await Expect(page.Locator("#impact-before")).ToHaveTextAsync("$3,300.00");
        await Expect(page.Locator("#impact-after")).ToHaveTextAsync("$3,050.00");
    }
}
