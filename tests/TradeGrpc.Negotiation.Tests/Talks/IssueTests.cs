using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;

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
        Assert.Equal(IssueStatus.Open, forcedTransfer.Status);
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
        var usPosition = new Position { Party = "US", Stance = Stance.Opposes, Text = "Tariffs stay until enforcement is proven.", Date = Day(2019, 5, 9) };

        await client.RecordPositionAsync(new RecordPositionRequest
        {
            Name = issue.Name,
            Position = new Position { Party = "CN", Stance = Stance.Demands, Text = "All additional tariffs must go.", Date = Day(2019, 5, 9) },
        });
        await client.RecordPositionAsync(new RecordPositionRequest { Name = issue.Name, Position = usPosition });
        var cnLater = new Position { Party = "CN", Stance = Stance.OpenToCompromise, Text = "A phased rollback will do.", Date = Day(2019, 11, 7) };
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
    public async Task UpdateIssueStatus_Narrowed_SetsTheStatus()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Intellectual property enforcement");

        var updated = await client.UpdateIssueStatusAsync(new UpdateIssueStatusRequest { Name = issue.Name, Status = IssueStatus.Narrowed });

        Assert.Equal(IssueStatus.Narrowed, updated.Status);
        Assert.Equal(issue.Name, updated.Name);
        Assert.Equal(issue.Title, updated.Title);
    }

    [Fact]
    public async Task ListIssues_ByStatus_ReturnsOnlyTheIssuesInThatStatus()
    {
        var talks = await client.CreateUsChinaAsync();
        var ip = await client.RaiseAsync(talks, "Intellectual property enforcement");
        var currency = await client.RaiseAsync(talks, "Currency manipulation", IssueCategory.Enforcement);
        var soybeans = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);
        await client.UpdateIssueStatusAsync(new UpdateIssueStatusRequest { Name = currency.Name, Status = IssueStatus.Resolved });
        await client.UpdateIssueStatusAsync(new UpdateIssueStatusRequest { Name = soybeans.Name, Status = IssueStatus.Resolved });

        var resolved = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name, Status = IssueStatus.Resolved });
        var open = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name, Status = IssueStatus.Open });
        var all = await client.ListIssuesAsync(new ListIssuesRequest { Parent = talks.Name });

        Assert.Equal([currency.Name, soybeans.Name], resolved.Issues.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ip.Name, Assert.Single(open.Issues).Name);
        Assert.Equal(3, all.Issues.Count);
    }
}
