using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

public sealed class StatementTests
{
    private static StatementText Said(Speaker speaker, AttributionKind attribution, IReadOnlyList<string> issues) =>
        new(speaker, attribution, "The talks were constructive.", new DateOnly(2019, 7, 31), "Press", issues, []);

    [Fact]
    public void Record_OnTheRecord_SaysWhoSaidWhatAndWhen()
    {
        var (statement, recorded) = Statement.Record(Open(), 4,
            Said(new Speaker("Stephanie Grisham", "White House Press Secretary", "US"), AttributionKind.OnTheRecord, []), _ => true, _ => true);

        Assert.Equal("negotiations/us-china/statements/4", statement.Name);
        Assert.Equal(new TalkEvent(TalkEventKind.StatementRecorded, statement.Name,
            "Stephanie Grisham on 2019-07-31: \"The talks were constructive.\""), recorded);
    }

    [Fact]
    public void Record_Anonymous_NamesTheAttributionInstead()
    {
        var (_, recorded) = Statement.Record(Open(), 5, Said(new Speaker("", "", "CN"), AttributionKind.StateMedia, []), _ => true, _ => true);

        Assert.Equal("state media on 2019-07-31: \"The talks were constructive.\"", recorded.Summary);
    }

    [Fact]
    public void Record_AboutAnIssueThatDoesNotExist_IsNotFound()
    {
        var text = Said(new Speaker("", "", "US"), AttributionKind.AnonymousOfficial, ["negotiations/us-china/issues/1", "negotiations/us-china/issues/7"]);

        var error = Assert.Throws<NotFoundException>(() => Statement.Record(Open(), 6, text, i => i.EndsWith("/1", StringComparison.Ordinal), _ => true));

        Assert.Equal(("ISSUE_NOT_FOUND", "negotiations/us-china/issues/7"), (error.Reason, error.Resource));
    }
}
