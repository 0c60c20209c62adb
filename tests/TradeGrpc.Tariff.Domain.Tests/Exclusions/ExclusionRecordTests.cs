using TradeGrpc.Errors;
using TradeGrpc.Tariff.Domain.Exclusions;
using TradeGrpc.Tariff.Domain.Tests.Quotes;
using static TradeGrpc.Tariff.Domain.Tests.Actors;
using static TradeGrpc.Tariff.Domain.Tests.IsoDates;

namespace TradeGrpc.Tariff.Domain.Tests.Exclusions;

/// <summary>Product exclusions from list 1 (25% from 2018-07-06), such as USTR's first batch under 9903.88.05.</summary>
public sealed class ExclusionRecordTests
{
    private static readonly DateTimeOffset Asked = new(2018, 10, 9, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Decided = new(2018, 12, 21, 15, 0, 0, TimeSpan.Zero);

    private static ExclusionRecord Pending() =>
        ExclusionRecord.Request("x1", SmallBook.List1, "8504.40.40", "Acme Drives", "Speed drive controllers", Importer, Asked);

    [Fact]
    public void Request_DottedCode_IsPendingOnTheBareCodeWithNoWindow()
    {
        var request = Pending();

        Assert.Equal(("exclusions/x1", "us-301-list-1", "85044040", ExclusionStatus.Pending), (request.Name, request.MeasureId, request.HtsCode, request.Status));
        Assert.Equal(("", (DateOnly?)null, (DateOnly?)null, Asked, (DateTimeOffset?)null),
            (request.Heading, request.ValidFrom, request.ValidTo, request.CreateTime, request.DecideTime));
    }

    [Fact]
    public void Decide_GrantWithoutAStartDate_StartsOnTheMeasuresFirstDay()
    {
        var granted = Pending().Decide(true, "9903.88.05", null, new DateOnly(2019, 12, 28), SmallBook.List1, Officer, Decided);

        Assert.Equal((ExclusionStatus.Granted, "9903.88.05", Decided), (granted.Status, granted.Heading, granted.DecideTime));
        Assert.Equal((new DateOnly(2018, 7, 6), new DateOnly(2019, 12, 28)), (granted.ValidFrom!.Value, granted.ValidTo!.Value));
    }

    [Fact]
    public void Decide_GrantWithAStartDate_KeepsIt()
    {
        var granted = Pending().Decide(true, "9903.88.05", new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 28), SmallBook.List1, Officer, Decided);

        Assert.Equal(new DateOnly(2019, 1, 1), granted.ValidFrom);
    }

    [Fact]
    public void Decide_GrantWithoutAnEndDate_FailsNamingIt()
    {
        var error = Assert.Throws<InvalidInputException>(() => Pending().Decide(true, "9903.88.05", null, null, SmallBook.List1, Officer, Decided));

        Assert.Equal("VALID_TO_REQUIRED", error.Reason);
        Assert.Equal(new FieldError("ValidTo", "a granted exclusion needs the last date it covers"), Assert.Single(error.Fields));
    }

    [Fact]
    public void Decide_GrantEndingBeforeTheListStarts_FailsNamingTheStart()
    {
        var error = Assert.Throws<InvalidInputException>(() =>
            Pending().Decide(true, "9903.88.05", null, new DateOnly(2018, 7, 5), SmallBook.List1, Officer, Decided));

        Assert.Equal("VALIDITY_OUT_OF_ORDER", error.Reason);
        Assert.Equal(new FieldError("ValidTo", "must not be before the start date 2018-07-06"), Assert.Single(error.Fields));
    }

    [Fact]
    public void Decide_Deny_SetsNoWindow()
    {
        var denied = Pending().Decide(false, "", null, null, SmallBook.List1, Officer, Decided);

        Assert.Equal((ExclusionStatus.Denied, (DateOnly?)null, (DateOnly?)null, (DateTimeOffset?)Decided),
            (denied.Status, denied.ValidFrom, denied.ValidTo, denied.DecideTime));
    }

    [Theory]
    [InlineData(true, "GRANTED")]
    [InlineData(false, "DENIED")]
    public void Decide_AlreadyDecided_FailsNamingTheState(bool grantedFirst, string state)
    {
        var decided = Pending().Decide(grantedFirst, "9903.88.05", null, new DateOnly(2019, 12, 28), SmallBook.List1, Officer, Decided);

        var error = Assert.Throws<RuleViolationException>(() => decided.Decide(!grantedFirst, "9903.88.05", null, new DateOnly(2019, 12, 28), SmallBook.List1, Officer, Decided));

        Assert.Equal(("EXCLUSION_ALREADY_DECIDED", "exclusions/x1"), (error.Reason, error.Subject));
        Assert.Equal($"exclusions/x1 is {state}; only a PENDING request can be decided.", error.Message);
    }

    [Theory]
    [InlineData("us-301-list-1", "85044040", "2018-07-05", false)]
    [InlineData("us-301-list-1", "85044040", "2018-07-06", true)]
    [InlineData("us-301-list-1", "8504404010", "2019-12-28", true)] // a code under the excluded one
    [InlineData("us-301-list-1", "85044040", "2019-12-29", false)]
    [InlineData("us-301-list-1", "85044080", "2019-01-01", false)]
    [InlineData("us-301-list-3", "85044040", "2019-01-01", false)]
    public void Covers_GrantedExclusion_CoversItsMeasureCodeAndWindowOnly(string measure, string code, string entryDate, bool covered)
    {
        var granted = Pending().Decide(true, "9903.88.05", null, new DateOnly(2019, 12, 28), SmallBook.List1, Officer, Decided);

        Assert.Equal(covered, granted.Covers(measure, code, Day(entryDate)));
    }

    [Fact]
    public void Covers_PendingRequest_CoversNothing() =>
        Assert.False(Pending().Covers("us-301-list-1", "85044040", new DateOnly(2018, 9, 1)));

    [Fact]
    public void Request_ByAnImporter_RecordsWhoAskedAndDecide_WhoDecided()
    {
        var decided = Pending().Decide(false, "", null, null, SmallBook.List1, Officer, Decided);

        Assert.Equal((Importer, Officer), (decided.RequestedBy, decided.DecidedBy));
    }

    [Fact]
    public void VisibleTo_APendingRequest_IsSeenByItsOrganisationAndByThoseWhoDecideOnly()
    {
        var colleague = new Identity.Actor("sam", "Acme Drives", Identity.CredentialKind.Token);
        var rival = new Identity.Actor("kim", "Other Imports", Identity.CredentialKind.Token);

        Assert.Equal((true, true, false, true), (Pending().VisibleTo(Importer, false), Pending().VisibleTo(colleague, false),
            Pending().VisibleTo(rival, false), Pending().VisibleTo(rival, decides: true)));
    }

    [Fact]
    public void VisibleTo_ADecidedExclusion_IsSeenByAnyone()
    {
        var rival = new Identity.Actor("kim", "Other Imports", Identity.CredentialKind.Token);

        Assert.True(Pending().Decide(false, "", null, null, SmallBook.List1, Officer, Decided).VisibleTo(rival, false));
    }
}
