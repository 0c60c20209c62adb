using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class IssueTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    [Fact]
    public async Task RaiseIssue_TwoIssues_AreOpenAndNumberedFromOne()
    {
        var talks = await client.CreateUsChinaAsync();

        var forcedTransfer = await client.RaiseAsync(talks, "Forced technology transfer", IssueCategory.TechnologyAndExportControls);
        var soybeans = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);

        Assert.Equal($"{talks.Name}/issues/1", forcedTransfer.Name);
        Assert.Equal($"{talks.Name}/issues/2", soybeans.Name);
        Assert.Equal(IssueState.Open, forcedTransfer.State);
        Assert.Equal("Forced technology transfer", forcedTransfer.Title);
        Assert.Equal(IssueCategory.TechnologyAndExportControls, forcedTransfer.Category);
        Assert.Equal("US", forcedTransfer.DemandedBy);
        Assert.Empty(forcedTransfer.Positions);
    }

    [Fact]
    public async Task RaiseIssue_EmptyTitle_IsInvalidArgumentNamingTheTitle()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.RaiseIssueAsync(new RaiseIssueRequest
        {
            Parent = talks.Name,
            Issue = new Issue { Title = "", Category = IssueCategory.Enforcement, DemandedBy = "US" },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["issue.title"], error.GetInvalidFields());
    }

    [Fact]
    public async Task RecordPosition_SamePartyTwice_KeepsOnlyItsLatestPosition()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Tariff removal", IssueCategory.TariffRemoval, demandedBy: "CN");
        var usPosition = new Position { Party = "US", Stance = Stance.Opposes, Text = "Tariffs stay until enforcement is proven.", PositionDate = Day(2019, 5, 9) };

        await client.RecordPositionAsync(new RecordPositionRequest
        {
            Name = issue.Name,
            Position = new Position { Party = "CN", Stance = Stance.Demands, Text = "All additional tariffs must go.", PositionDate = Day(2019, 5, 9) },
        });
        await client.RecordPositionAsync(new RecordPositionRequest { Name = issue.Name, Position = usPosition });
        var cnLater = new Position { Party = "CN", Stance = Stance.OpenToCompromise, Text = "A phased rollback will do.", PositionDate = Day(2019, 11, 7) };
        var updated = await client.RecordPositionAsync(new RecordPositionRequest { Name = issue.Name, Position = cnLater });

        Assert.Equal(2, updated.Positions.Count);
        Assert.Equal(cnLater, updated.Positions.Single(p => p.Party == "CN"));
        Assert.Equal(usPosition, updated.Positions.Single(p => p.Party == "US"));
        var listed = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name });
        Assert.Equal(updated, Assert.Single(listed.Issues));
    }

    [Fact]
    public async Task RecordPosition_UnknownIssue_IsNotFoundWithIssueNotFound()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.RecordPositionAsync(new RecordPositionRequest
        {
            Name = $"{talks.Name}/issues/99",
            Position = new Position { Party = "US", Stance = Stance.Demands },
        }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("ISSUE_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task NarrowIssue_AnOpenIssue_IsNarrowedAndGetIssueSaysSo()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Intellectual property enforcement");

        var narrowed = await client.NarrowIssueAsync(new NarrowIssueRequest { Name = issue.Name });
        var read = await client.GetIssueAsync(new GetIssueRequest { Name = issue.Name });

        Assert.Equal(IssueState.Narrowed, narrowed.State);
        Assert.Equal((issue.Name, issue.Title), (narrowed.Name, narrowed.Title));
        Assert.Equal(narrowed, read);
    }

    [Fact]
    public async Task ResolveIssue_ThenReopen_IsOpenAgain()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Currency manipulation", IssueCategory.Enforcement);

        var resolved = await client.ResolveIssueAsync(new ResolveIssueRequest { Name = issue.Name });
        var reopened = await client.ReopenIssueAsync(new ReopenIssueRequest { Name = issue.Name });

        Assert.Equal((IssueState.Resolved, IssueState.Open), (resolved.State, reopened.State));
    }

    [Fact]
    public async Task NarrowIssue_ADroppedIssue_IsFailedPreconditionNamingTheState()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);
        await client.DropIssueAsync(new DropIssueRequest { Name = issue.Name });

        var error = await ErrorOf(client.NarrowIssueAsync(new NarrowIssueRequest { Name = issue.Name }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("ISSUE_STATE", error.GetErrorInfo()?.Reason);
        Assert.Equal($"{issue.Name} is DROPPED; it can become NARROWED only from OPEN.", Assert.Single(error.GetPreconditionFailure()!.Violations).Description);
    }

    [Fact]
    public async Task ReopenIssue_AnOpenIssue_IsFailedPrecondition()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Market access");

        var error = await ErrorOf(client.ReopenIssueAsync(new ReopenIssueRequest { Name = issue.Name }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task ListIssues_ReadAgainAfterAChange_ShowsTheChange()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Market access");
        var before = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name });

        await client.NarrowIssueAsync(new NarrowIssueRequest { Name = issue.Name });
        var after = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name });

        Assert.Equal(IssueState.Open, Assert.Single(before.Issues).State);
        Assert.Equal(IssueState.Narrowed, Assert.Single(after.Issues).State);
    }

    [Fact]
    public async Task GetIssue_UnknownIssue_IsNotFoundWithIssueNotFound()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.GetIssueAsync(new GetIssueRequest { Name = $"{talks.Name}/issues/7" }));

        Assert.Equal((StatusCode.NotFound, "ISSUE_NOT_FOUND"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task ListIssues_ByState_ReturnsOnlyTheIssuesInThatState()
    {
        var talks = await client.CreateUsChinaAsync();
        var ip = await client.RaiseAsync(talks, "Intellectual property enforcement");
        var currency = await client.RaiseAsync(talks, "Currency manipulation", IssueCategory.Enforcement);
        var soybeans = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);
        await client.ResolveIssueAsync(new ResolveIssueRequest { Name = currency.Name });
        await client.ResolveIssueAsync(new ResolveIssueRequest { Name = soybeans.Name });

        var resolved = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name, State = IssueState.Resolved });
        var open = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name, State = IssueState.Open });
        var all = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name });

        Assert.Equal([currency.Name, soybeans.Name], resolved.Issues.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ip.Name, Assert.Single(open.Issues).Name);
        Assert.Equal(3, all.Issues.Count);
    }
}
