using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>The rate history, worked out in the page from LookupRates.</summary>
[Collection(SharedDashboard.Name)]
public sealed class HistoryTests(DashboardFixture fixture)
{
    [Fact]
    public async Task History_NailsOfChina_StackListThreeAndSection232OnTheBaseRateWithTheRiseAndTheTransitRule()
    {
        await using var dashboard = await fixture.OpenAsync("history", DashboardFixture.AnalystToken);
        var page = dashboard.Page;

        // It opens on steel nails (7317.00.55) of China, 2018 to 2020: free; list 3 at 10% from 2018-09-24 and
        // 25% from 2019-05-10; and from 2020-02-08 Section 232's 25% on steel derivatives on top.
        var periods = page.Locator("#history-table tbody tr");
        await Expect(periods).ToHaveCountAsync(4);
        await Expect(periods.Nth(0)).ToContainTextAsync("1 Jan 2018");
        await Expect(periods.Nth(0)).ToContainTextAsync("23 Sept 2018");
        await Expect(periods.Nth(1)).ToContainTextAsync("24 Sept 2018");
        await Expect(periods.Nth(1)).ToContainTextAsync("10% (9903.88.03)");
        await Expect(periods.Nth(2)).ToContainTextAsync("10 May 2019");
        await Expect(periods.Nth(2)).ToContainTextAsync("25% (9903.88.03)");
        await Expect(periods.Nth(3)).ToContainTextAsync("8 Feb 2020");
        await Expect(periods.Nth(3)).ToContainTextAsync("25% (9903.80.03)");
        await Expect(periods.Nth(3).Locator("td").Last).ToHaveTextAsync("50%");
        var events = page.Locator("#history-events li");
        await Expect(events).ToHaveCountAsync(4);
        await Expect(events.Nth(0)).ToContainTextAsync("24 Sept 2018 Section 301 list 3 applies: 10% under 9903.88.03.");
        await Expect(events.Nth(1)).ToContainTextAsync("10 May 2019 Section 301 list 3: 10% (9903.88.03) → 25% (9903.88.03).");
        await Expect(events.Nth(1)).ToContainTextAsync("Transit rule: goods exported before 10 May 2019 and entered before 15 Jun 2019 keep the previous rate under 9903.88.09.");
        await Expect(events.Nth(2)).ToContainTextAsync("15 Jun 2019 Section 301 list 3: the transit window closes");
        await Expect(events.Nth(3)).ToContainTextAsync("8 Feb 2020 Section 232 steel derivatives applies: 25% under 9903.80.03.");
        await Expect(page.Locator("#history-result canvas")).ToHaveAttributeAsync("role", "img");
        await dashboard.ScreenshotAsync("history");

        // Thirty days at sea: goods entered up to 2019-06-08 left before 2019-05-10, and keep 10% under 9903.88.09.
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Rate history" });
        await view.GetByLabel("Days in transit").FillAsync("30");
        await view.GetByRole(AriaRole.Button, new() { Name = "Show the history" }).ClickAsync();
        await Expect(periods).ToHaveCountAsync(5);
        await Expect(periods.Nth(2)).ToContainTextAsync("10 May 2019");
        await Expect(periods.Nth(2)).ToContainTextAsync("8 Jun 2019");
        await Expect(periods.Nth(2)).ToContainTextAsync("10% (9903.88.09)");
        await Expect(periods.Nth(3)).ToContainTextAsync("9 Jun 2019");
        await Expect(periods.Nth(3)).ToContainTextAsync("25% (9903.88.03)");
    }

    [Fact]
    public async Task History_BooksOfChinaAndLubricantsOfTheUs_ShowListFourAHalvedAndAnExclusionGranted()
    {
        await using var dashboard = await fixture.OpenAsync("history", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        var view = page.GetByRole(AriaRole.Tabpanel, new() { Name = "Rate history" });
        await Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(4);

        await view.GetByLabel("HS code").FillAsync("4901.99.00.10");
        await view.GetByRole(AriaRole.Button, new() { Name = "Show the history" }).ClickAsync();
        await Expect(page.Locator("#history-events")).ToContainTextAsync("1 Sept 2019 Section 301 list 4A applies: 15% under 9903.88.15.");
        await Expect(page.Locator("#history-events")).ToContainTextAsync("14 Feb 2020 Section 301 list 4A: 15% (9903.88.15) → 7.5% (9903.88.15) (halved).");

        // Lubricating oils of the US into China: 25% retaliation from 2018-08-23 (list 2's answer), lifted by the exclusion of 2019-09-17.
        await view.GetByLabel("Importing country", new() { Exact = true }).SelectOptionAsync("CN");
        await view.GetByLabel("HS code").FillAsync("2710.19");
        await view.GetByLabel("Origin").FillAsync("US");
        await view.GetByRole(AriaRole.Button, new() { Name = "Show the history" }).ClickAsync();
        await Expect(page.Locator("#history-events")).ToContainTextAsync("17 Sept 2019");
        await Expect(page.Locator("#history-events")).ToContainTextAsync("lifted by the exclusion exclusions/cn-list1-lubricants");
        await Expect(page.Locator("#history-events")).ToContainTextAsync("17 Sept 2020 The exclusion exclusions/cn-list1-lubricants");
    }
}
