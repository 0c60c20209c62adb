using Microsoft.Playwright;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;
using static Microsoft.Playwright.Assertions;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>The duty calculator, against the tariff host's QuoteDuty.</summary>
[Collection(SharedDashboard.Name)]
public sealed class CalculatorTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Quote_GasMetersOfChinaAfterListTwo_ShowsTheTotalAndEachComponentWithItsHeadingAndLaw()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" });

        // The README's walkthrough, the calculator's first line as it opens: 100 gas meters of China for
        // $5,000 entered 2018-09-01. 16 cents each + 2.5% = $16 + $125, and list 2's 25% = $1,250.
        await Expect(view.GetByLabel("Line 1: HS code")).ToHaveValueAsync("9028.10.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");
        var rows = page.Locator("#quote-result tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("MFN base rate");
        await Expect(rows.Nth(0)).ToContainTextAsync("16 cents each + 2.5%");
        await Expect(rows.Nth(0)).ToContainTextAsync("Harmonized Tariff Schedule of the United States");
        await Expect(rows.Nth(0)).ToContainTextAsync("$141.00");
        await Expect(rows.Nth(1)).ToContainTextAsync("Section 301 list 2");
        await Expect(rows.Nth(1)).ToContainTextAsync("9903.88.02");
        await Expect(rows.Nth(1)).ToContainTextAsync("Section 301, Trade Act of 1974");
        await Expect(rows.Nth(1)).ToContainTextAsync("$1,250.00");
        await Expect(page).ToHaveTitleAsync("Duty calculator · TradeGrpc dashboard");
        await dashboard.ScreenshotAsync("calculator");
    }

    [Fact]
    public async Task WhatIf_SuspendingListTwo_LeavesTheBaseRateAloneAndQuotesAgainAtOnce()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");

        // Flipping the what-if quotes again without another click.
        await view.GetByLabel("Suspend Section 301 list 2").CheckAsync();

        await Expect(page.Locator("#quote-whatif-total")).ToHaveTextAsync("$141.00");
        await Expect(page.Locator("#quote-whatif-delta")).ToHaveTextAsync("−$1,250.00");
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");
        await dashboard.ScreenshotAsync("calculator-what-if");

        await view.GetByLabel("Suspend Section 301 list 2").UncheckAsync();
        await view.GetByLabel("Rate in percent for Section 301 list 2").FillAsync("10");
        await view.GetByLabel("Rate in percent for Section 301 list 2").PressAsync("Tab");
        await Expect(page.Locator("#quote-whatif-total")).ToHaveTextAsync("$641.00");
    }

    [Fact]
    public async Task Quote_SoybeansOfTheUsIntoChinaOnTheFirstDay_OweTheBaseRateAndTheRetaliation()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" });

        await view.GetByLabel("Importing country", new() { Exact = true }).SelectOptionAsync("CN");
        await view.GetByLabel("Entry date").FillAsync("2018-07-06");
        await view.GetByLabel("Line 1: HS code").FillAsync("1201.90");
        await view.GetByLabel("Line 1: origin (ISO code)").FillAsync("US");
        await view.GetByLabel("Line 1: customs value in US dollars").FillAsync("1000");
        await view.GetByLabel("Line 1: quantity").FillAsync("");
        await view.GetByLabel("Line 1: unit of quantity").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        // 3% + 25% of $1,000.
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$280.00");
        var rows = page.Locator("#quote-result tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("3%");
        await Expect(rows.Nth(0)).ToContainTextAsync("$30.00");
        await Expect(rows.Nth(1)).ToContainTextAsync("25%");
        await Expect(rows.Nth(1)).ToContainTextAsync("Retaliation");
        await Expect(rows.Nth(1)).ToContainTextAsync("$250.00");
    }

    [Fact]
    public async Task Quote_SteelOfAQuotaCountryBeyondAnExclusion_SaysThePartBeyondCountsAgainstTheQuota()
    {
        var measures = new MeasureService.MeasureServiceClient(fixture.Tariff.Channel);
        var measure = await QuotaMeasures.CreateAsync(measures, 2025);
        var exclusion = (await QuotaMeasures.GrantExclusionAsync(measures, measure, 2025, 10)).Name;
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" });

        await view.GetByLabel("Entry date").FillAsync("2025-02-01");
        await view.GetByLabel("Line 1: HS code").FillAsync("7210.49.00");
        await view.GetByLabel("Line 1: origin (ISO code)").FillAsync("KR");
        await view.GetByLabel("Line 1: customs value in US dollars").FillAsync("15000");
        await view.GetByLabel("Line 1: quantity").FillAsync("15");
        await view.GetByLabel("Line 1: unit of quantity").FillAsync("T");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        // The exclusion's 10 t are lifted from the measure; the 5 t beyond count against the quarter's quota of 100 t.
        var row = page.Locator("#quote-result tbody tr", new() { HasText = "Steel quota" });
        await Expect(row.Locator("[data-role=allowance]")).ToHaveTextAsync(
            $"Draws 10 T on {exclusion} (10 T left); 5 T beyond it counts against {measure}/quotas/KR/2025-01-01 (100 T left)");
    }

    [Fact]
    public async Task Quote_ACodeThatIsNoCode_ShowsTheServicesErrorByTheField()
    {
        await using var dashboard = await fixture.OpenAsync("calculator", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Duty calculator" });

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a line" }).ClickAsync();
        await Expect(view.GetByLabel("Line 2: HS code")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("9028.1x");
        await view.GetByLabel("Line 2: customs value in US dollars").FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();

        // INVALID_ARGUMENT with a BadRequest naming lines[1].hts_code: its description goes by that input.
        var code = view.GetByLabel("Line 2: HS code");
        await Expect(code).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator(".field-error")).ToHaveCountAsync(1);
        await Expect(page.Locator(".field-error")).ToContainTextAsync("does not match regex pattern");
        await Expect(code).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("does not match regex pattern"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Check the highlighted fields");
        await Expect(view.GetByLabel("Line 1: HS code")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await dashboard.ScreenshotAsync("calculator-field-error");

        // Without the bad line, the quote goes through and the error goes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove line 2" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote duty" }).ClickAsync();
        await Expect(page.Locator("#quote-total")).ToHaveTextAsync("$1,391.00");
        await Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }
}
