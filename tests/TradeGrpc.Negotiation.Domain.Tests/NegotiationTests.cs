using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

public sealed class NegotiationTests
{
    [Fact]
    public void Open_TwoParties_IsActiveAtVersionOneAndSaysSo()
    {
        var (talks, created) = Negotiation.Open("us-china", "US-China trade talks", ["US", "CN"], Opened);

        Assert.Equal((Name, NegotiationState.Active, 1L, "\"1\""), (talks.Name, talks.State, talks.Version, talks.Etag));
        Assert.Equal((Opened, Opened), (talks.CreateTime, talks.UpdateTime));
        Assert.Empty(talks.Delegations);
        Assert.Equal(new TalkEvent(TalkEventKind.NegotiationCreated, Name, "Negotiation 'US-China trade talks' between US, CN recorded."), created);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("US", "US")]
    [InlineData("US", "CN", "US")]
    public void Open_FewerThanTwoDistinctParties_FailsOnTheParties(params string[] parties)
    {
        var error = Assert.Throws<InvalidInputException>(() => Negotiation.Open("us-china", "US-China trade talks", parties, Opened));

        Assert.Equal("PARTIES", error.Reason);
        Assert.Equal(new FieldError("Parties", "talks need two or more parties, each named once"), Assert.Single(error.Fields));
    }

    [Fact]
    public void Changed_AChange_CountsItAndKeepsTheCreateTime()
    {
        var talks = Open();
        var later = Opened.AddDays(38);

        talks.Changed(later);

        Assert.Equal((2L, "\"2\"", later, Opened), (talks.Version, talks.Etag, talks.UpdateTime, talks.CreateTime));
    }

    [Fact]
    public void SetDelegation_WithALead_NamesTheLeadAndKeepsDelegationsInPartyOrder()
    {
        var talks = Open();

        var usSet = talks.SetDelegation(UsDelegation);
        var chinaSet = talks.SetDelegation(ChinaDelegation);

        Assert.Equal(new TalkEvent(TalkEventKind.DelegationSet, Name, "US delegation set: 2 members, led by Robert Lighthizer."), usSet);
        Assert.Equal("CN delegation set: 2 members, led by Liu He.", chinaSet.Summary);
        Assert.Equal(["CN", "US"], talks.Delegations.Select(d => d.Party));
    }

    [Fact]
    public void SetDelegation_PartyAlreadyHasOne_ReplacesIt()
    {
        var talks = WithDelegations();
        var larger = UsDelegation with { Members = [.. UsDelegation.Members, new("Wilbur Ross", "Secretary of Commerce", "Commerce", false)] };

        talks.SetDelegation(larger);

        Assert.Equal(2, talks.Delegations.Count);
        Assert.Equal(3, talks.Delegations.Single(d => d.Party == "US").Members.Count);
        Assert.True(talks.HasMember("Wilbur Ross"));
    }

    [Fact]
    public void SetDelegation_NoLead_SaysNoneIsNamed()
    {
        var talks = Open();

        var set = talks.SetDelegation(new Delegation("CN", [new(ZhongShan, "Minister of Commerce", "MOFCOM", false)]));

        Assert.Equal("CN delegation set: 1 members, led by no lead named.", set.Summary);
    }

    [Fact]
    public void SetDelegation_TwoLeads_FailsOnTheMembers()
    {
        var talks = Open();
        var twoLeads = UsDelegation with { Members = [.. UsDelegation.Members.Select(m => m with { Lead = true })] };

        var error = Assert.Throws<InvalidInputException>(() => talks.SetDelegation(twoLeads));

        Assert.Equal("TWO_LEADS", error.Reason);
        Assert.Equal(new FieldError("Members", "at most one member leads a delegation"), Assert.Single(error.Fields));
        Assert.Empty(talks.Delegations);
    }

    [Fact]
    public void SetDelegation_PartyNotInTheTalks_FailsNamingTheParties()
    {
        var talks = Open();

        var error = Assert.Throws<RuleViolationException>(() => talks.SetDelegation(new Delegation("JP", [])));

        Assert.Equal(("PARTY_NOT_IN_NEGOTIATION", "PARTY", Name), (error.Reason, error.Type, error.Subject));
        Assert.Equal("JP (delegation) is not a party to negotiations/us-china; its parties are US, CN.", error.Message);
    }

    [Theory]
    [InlineData(Lighthizer, true)]
    [InlineData(ZhongShan, true)]
    [InlineData("Wang Qishan", false)]
    public void HasMember_Name_IsWhetherSomeDelegationListsIt(string name, bool member) =>
        Assert.Equal(member, WithDelegations().HasMember(name));

    // Each round is "Status" or "Ended:Outcome", a week after the one before.
    [Theory]
    [InlineData(NegotiationState.Active)]
    [InlineData(NegotiationState.Active, "Ended:Progress", "Ended:Progress", "InProgress")]
    [InlineData(NegotiationState.Stalled, "Ended:Progress", "Ended:Impasse")] // Washington, May 2019
    [InlineData(NegotiationState.Stalled, "Ended:Collapse")]
    [InlineData(NegotiationState.Resumed, "Ended:Impasse", "Ended:Progress")] // Osaka, June 2019
    [InlineData(NegotiationState.Resumed, "Ended:Impasse", "Ended:Progress", "Scheduled")] // Shanghai planned
    [InlineData(NegotiationState.Resumed, "Ended:Impasse", "InProgress")]
    [InlineData(NegotiationState.Stalled, "Ended:Impasse", "Scheduled", "Cancelled")]
    [InlineData(NegotiationState.Stalled, "Ended:Impasse", "Ended:Progress", "Ended:Impasse")]
    [InlineData(NegotiationState.Concluded, "Ended:Impasse", "Ended:Progress", "Ended:AgreementInPrinciple")] // "phase one", October 2019
    [InlineData(NegotiationState.Concluded, "Ended:AgreementInPrinciple", "InProgress")]
    [InlineData(NegotiationState.Stalled, "Ended:AgreementInPrinciple", "Ended:Collapse")]
    public void RoundsChanged_RoundsInDateOrder_DeriveWhereTheTalksStand(NegotiationState expected, params string[] rounds)
    {
        var talks = WithDelegations();
        var start = new DateOnly(2019, 1, 7);

        // Passed in reverse: the state follows the rounds' dates, not the order they are given in.
        talks.RoundsChanged(rounds.Select((r, i) => RoundOf(r, i + 1, start.AddDays(7 * i))).Reverse());

        Assert.Equal(expected, talks.State);
    }

    [Theory]
    [InlineData(1, 2, NegotiationState.Resumed)]
    [InlineData(2, 1, NegotiationState.Stalled)]
    public void RoundsChanged_TwoRoundsOnOneDay_TakesThemInNumberOrder(int impasseNumber, int progressNumber, NegotiationState expected)
    {
        var talks = WithDelegations();
        var day = new DateOnly(2019, 5, 9);

        talks.RoundsChanged([RoundOf("Ended:Impasse", impasseNumber, day), RoundOf("Ended:Progress", progressNumber, day)]);

        Assert.Equal(expected, talks.State);
    }

    private static Round RoundOf(string state, int number, DateOnly start)
    {
        var parts = state.Split(':');
        var status = Enum.Parse<RoundStatus>(parts[0]);
        RoundOutcomeKind? outcome = parts.Length > 1 ? Enum.Parse<RoundOutcomeKind>(parts[1]) : null;
        return new Round(Name, number, Washington with { StartDate = start, EndDate = start }, status, outcome, "", 1);
    }
}
