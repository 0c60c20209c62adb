using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

public sealed class IssueTests
{
    private const string Title = "Forced technology transfer";
    private const string IssueName = "negotiations/us-china/issues/3";

    private static Issue IssueIn(IssueStatusKind status) =>
        new(Name, 3, Title, IssueCategoryKind.IntellectualProperty, "US", status, []);

    [Fact]
    public void Raise_ByAParty_IsOpenWithNoPositions()
    {
        var (issue, raised) = Issue.Raise(Open(), 3, Title, IssueCategoryKind.IntellectualProperty, "US");

        Assert.Equal((IssueName, IssueStatusKind.Open, "US"), (issue.Name, issue.Status, issue.DemandedBy));
        Assert.Empty(issue.Positions);
        Assert.Equal(new TalkEvent(TalkEventKind.IssueRaised, IssueName, "US raised 'Forced technology transfer' (intellectual property)."), raised);
    }

    [Fact]
    public void Raise_ByAPartyNotInTheTalks_FailsNamingTheParties()
    {
        var error = Assert.Throws<RuleViolationException>(() => Issue.Raise(Open(), 3, Title, IssueCategoryKind.IntellectualProperty, "EU"));

        Assert.Equal("PARTY_NOT_IN_NEGOTIATION", error.Reason);
        Assert.Equal("EU (demanding the issue) is not a party to negotiations/us-china; its parties are US, CN.", error.Message);
    }

    [Fact]
    public void RecordPosition_PartyWithAnEarlierOne_ReplacesItAndPutsItLast()
    {
        var talks = Open();
        var issue = IssueIn(IssueStatusKind.Open);
        issue.RecordPosition(talks, new Position("CN", StanceKind.Opposes, "No commitments in law", new DateOnly(2019, 5, 3)));
        issue.RecordPosition(talks, new Position("US", StanceKind.Demands, "Changes to Chinese law", new DateOnly(2019, 5, 5)));

        var recorded = issue.RecordPosition(talks, new Position("CN", StanceKind.OpenToCompromise, "Administrative measures", new DateOnly(2019, 7, 31)));

        Assert.Equal([("US", StanceKind.Demands), ("CN", StanceKind.OpenToCompromise)], issue.Positions.Select(p => (p.Party, p.Stance)));
        Assert.Equal(new TalkEvent(TalkEventKind.PositionRecorded, IssueName, "CN open to compromise on 'Forced technology transfer'."), recorded);
    }

    [Fact]
    public void RecordPosition_PartyNotInTheTalks_Fails()
    {
        var issue = IssueIn(IssueStatusKind.Open);

        var error = Assert.Throws<RuleViolationException>(() => issue.RecordPosition(Open(), new Position("JP", StanceKind.Accepts, "", null)));

        Assert.Equal("JP (taking the position) is not a party to negotiations/us-china; its parties are US, CN.", error.Message);
        Assert.Empty(issue.Positions);
    }

    [Theory]
    [InlineData(IssueStatusKind.Open, IssueStatusKind.Narrowed, "narrowed")]
    [InlineData(IssueStatusKind.Open, IssueStatusKind.Resolved, "resolved")]
    [InlineData(IssueStatusKind.Open, IssueStatusKind.Dropped, "dropped")]
    [InlineData(IssueStatusKind.Narrowed, IssueStatusKind.Resolved, "resolved")]
    [InlineData(IssueStatusKind.Narrowed, IssueStatusKind.Dropped, "dropped")]
    [InlineData(IssueStatusKind.Narrowed, IssueStatusKind.Open, "open")]
    [InlineData(IssueStatusKind.Resolved, IssueStatusKind.Open, "open")]
    [InlineData(IssueStatusKind.Dropped, IssueStatusKind.Open, "open")]
    public void ChangeStatus_AllowedMove_TakesTheNewStatus(IssueStatusKind from, IssueStatusKind to, string said)
    {
        var issue = IssueIn(from);

        var changed = issue.ChangeStatus(to);

        Assert.Equal(to, issue.Status);
        Assert.Equal(new TalkEvent(TalkEventKind.IssueStatusChanged, IssueName, $"'Forced technology transfer' is now {said}."), changed);
    }

    [Theory]
    [InlineData(IssueStatusKind.Open, IssueStatusKind.Open, "OPEN; it can become OPEN only from NARROWED or RESOLVED or DROPPED.")]
    [InlineData(IssueStatusKind.Narrowed, IssueStatusKind.Narrowed, "NARROWED; it can become NARROWED only from OPEN.")]
    [InlineData(IssueStatusKind.Resolved, IssueStatusKind.Narrowed, "RESOLVED; it can become NARROWED only from OPEN.")]
    [InlineData(IssueStatusKind.Resolved, IssueStatusKind.Resolved, "RESOLVED; it can become RESOLVED only from OPEN or NARROWED.")]
    [InlineData(IssueStatusKind.Resolved, IssueStatusKind.Dropped, "RESOLVED; it can become DROPPED only from OPEN or NARROWED.")]
    [InlineData(IssueStatusKind.Dropped, IssueStatusKind.Narrowed, "DROPPED; it can become NARROWED only from OPEN.")]
    [InlineData(IssueStatusKind.Dropped, IssueStatusKind.Resolved, "DROPPED; it can become RESOLVED only from OPEN or NARROWED.")]
    [InlineData(IssueStatusKind.Dropped, IssueStatusKind.Dropped, "DROPPED; it can become DROPPED only from OPEN or NARROWED.")]
    public void ChangeStatus_MoveNotAllowed_FailsNamingTheState(IssueStatusKind from, IssueStatusKind to, string why)
    {
        var issue = IssueIn(from);

        var error = Assert.Throws<RuleViolationException>(() => issue.ChangeStatus(to));

        Assert.Equal(("ISSUE_STATE", "STATE", IssueName), (error.Reason, error.Type, error.Subject));
        Assert.Equal($"{IssueName} is {why}", error.Message);
        Assert.Equal(from, issue.Status);
    }

    [Fact]
    public void ChangeStatus_DroppedIssueToNarrowed_FailsNamingTheState()
    {
        var issue = IssueIn(IssueStatusKind.Open);
        issue.ChangeStatus(IssueStatusKind.Dropped);

        var error = Assert.Throws<RuleViolationException>(() => issue.ChangeStatus(IssueStatusKind.Narrowed));

        Assert.Equal("negotiations/us-china/issues/3 is DROPPED; it can become NARROWED only from OPEN.", error.Message);
    }
}
