using Microsoft.Playwright;
using TradeGrpc.Negotiation.V1;
using static Microsoft.Playwright.Assertions;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Dashboard.Tests;

/// <summary>The talks of the bundled sample, read from the negotiation host by the tariff host's page (a cross-origin call).</summary>
[Collection(SharedDashboard.Name)]
public sealed class TalksTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Talks_OfJuly2019_ShowTheRoundsSinceBuenosAiresTheStickingPointsTheDraftsAndTheStatements()
    {
        await using var dashboard = await fixture.OpenAsync("talks", DashboardFixture.AnalystToken);
        var page = dashboard.Page;

        await Expect(page.Locator("#talks-negotiation")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^negotiations/"));
        await Expect(page.Locator(".talks-summary")).ToContainTextAsync("US-China trade talks between United States and China.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rounds (11)" })).ToBeVisibleAsync();
        var rounds = page.Locator("#talks-rounds > li");
        await Expect(rounds).ToHaveCountAsync(11);
        await Expect(rounds.Nth(0)).ToContainTextAsync("1 Dec 2018Buenos Aires, Argentina");
        await Expect(rounds.Nth(8)).ToContainTextAsync("9 May 2019 – 10 May 2019Washington, United States");
        await Expect(rounds.Nth(8)).ToContainTextAsync("Impasse");
        await Expect(rounds.Nth(9)).ToContainTextAsync("Osaka, Japan");
        await Expect(rounds.Nth(9)).ToContainTextAsync("Leaders meeting");
        await Expect(rounds.Nth(10)).ToContainTextAsync("30 Jul 2019 – 31 Jul 2019Shanghai, China");
        await Expect(rounds.Nth(10)).ToContainTextAsync("Scheduled");

        var draftIssue = page.Locator("article.issue", new() { HasText = "Return to the early-May working draft" });
        await Expect(draftIssue.Locator("tr", new() { HasText = "United States" })).ToContainTextAsync("Demands");
        await Expect(draftIssue.Locator("tr", new() { HasText = "China" })).ToContainTextAsync("Opposes");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open sticking points (6)" })).ToBeVisibleAsync();

        await Expect(page.Locator("#talks-drafts tbody tr").Nth(0)).ToContainTextAsync("9 of 10 (90%)");
        await Expect(page.Locator("#talks-drafts tbody tr").Nth(1)).ToContainTextAsync("7 of 10 (70%)");
        await Expect(page.Locator("#compare-result li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#compare-result")).ToContainTextAsync("Agreed → Bracketed");

        await Expect(page.Locator("#talks-statements")).ToContainTextAsync("“tremendous amount”");
        await Expect(page.Locator("#talks-statements")).ToContainTextAsync("Donald Trump, President, United States — on the record, 29 Jun 2019");
        await Expect(page.Locator("#talks-feed-status")).ToContainTextAsync("Live");
        await dashboard.ScreenshotAsync("talks");
    }

    [Fact]
    public async Task LiveFeed_AStatementRecordedWhileThePageWatches_AppearsAtTheTop()
    {
        await using var dashboard = await fixture.OpenAsync("talks", DashboardFixture.AnalystToken);
        var page = dashboard.Page;
        // Phase One's talks, so that the July talks that the other test shows keep the sample's statements only.
        await page.Locator("#talks-negotiation").SelectOptionAsync(new SelectOptionValue { Label = "US-China Phase One talks" });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rounds (3)" })).ToBeVisibleAsync();
        await Expect(page.Locator("#talks-feed-status")).ToContainTextAsync("Live");
        var client = new NegotiationService.NegotiationServiceClient(fixture.Negotiation.Channel);
        var phaseOne = (await client.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations[1];

        await client.RecordStatementAsync(new RecordStatementRequest
        {
            Parent = phaseOne.Name,
            Statement = new Statement
            {
                Speaker = new Speaker { Name = "A dashboard test" }, Attribution = Attribution.OnTheRecord,
                Quote = "Recorded while the page watches.", StatementDate = Day(2020, 1, 16),
            },
        });

        var newest = page.Locator("#talks-feed > li").First;
        await Expect(newest).ToContainTextAsync("Statement recorded");
        await Expect(newest).ToContainTextAsync("Recorded while the page watches.");
        await Expect(newest).ToHaveClassAsync("new");
        await Expect(page.Locator("#talks-feed")).ToHaveAttributeAsync("aria-live", "polite");
    }
}
