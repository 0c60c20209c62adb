using System.Globalization;
using TradeGrpc.Errors;
using static TradeGrpc.Negotiation.Domain.Tests.UsChina;

namespace TradeGrpc.Negotiation.Domain.Tests;

/// <summary>The early-May 2019 working draft (90% agreed, by reports) and China's revision of it.</summary>
public sealed class DraftVersionTests
{
    private static readonly DateTimeOffset EarlyMay = new(2019, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static Provision Agreed(string key) => new(key, key, $"Text on {key}.", ProvisionStatusKind.Agreed, []);

    /// <summary>Ten chapters, nine agreed.</summary>
    private static readonly Provision[] EarlyMayText =
    [
        Agreed("ip"), Agreed("technology-transfer"), Agreed("agriculture"), Agreed("financial-services"), Agreed("currency"),
        Agreed("purchases"), Agreed("dispute-resolution"), Agreed("non-tariff-barriers"), Agreed("services"),
        new("enforcement", "Enforcement", "Changes to Chinese law.", ProvisionStatusKind.Bracketed, []),
    ];

    private static (DraftVersion Draft, TalkEvent Proposed) Propose(int version, int basedOn, IReadOnlyList<Provision> provisions,
        bool basedOnExists = true, Func<string, bool>? commitmentExists = null) =>
        DraftVersion.Propose(Open(), version, basedOn, $"Version {version}", provisions, EarlyMay, basedOnExists, commitmentExists ?? (_ => true));

    [Fact]
    public void Propose_EarlyMayText_IsNinetyPercentAgreed()
    {
        var (draft, proposed) = Propose(1, 0, EarlyMayText);

        Assert.Equal(("negotiations/us-china/drafts/1", 0, 0), (draft.Name, draft.BasedOn, draft.RevertedTo));
        Assert.Equal(new DraftProgress(9, 10), draft.Progress);
        Assert.Equal(90m, draft.Progress.AgreedPercent);
        Assert.Equal((TalkEventKind.DraftProposed, "negotiations/us-china/drafts/1"), (proposed.Kind, proposed.Subject));
        Assert.Equal("Draft version 1 proposed: 9 of 10 provisions agreed (90%).", proposed.Summary);
    }

    [Fact]
    public void Propose_TwoOfThreeAgreed_SaysTheRoundedPercent()
    {
        var (_, proposed) = Propose(1, 0, [Agreed("ip"), Agreed("currency"), EarlyMayText[9]]);

        Assert.Equal("Draft version 1 proposed: 2 of 3 provisions agreed (66.7%).", proposed.Summary);
    }

    [Theory]
    [InlineData(9, 10, "90")]
    [InlineData(7, 10, "70")] // China's revision, by reports
    [InlineData(2, 3, "66.7")]
    [InlineData(1, 6, "16.7")]
    [InlineData(1, 16, "6.3")] // 6.25 rounds up
    [InlineData(5, 5, "100")]
    [InlineData(0, 5, "0")]
    [InlineData(0, 0, "0")]
    public void AgreedPercent_AgreedOverTotal_IsRoundedToOneDecimal(int agreed, int total, string percent) =>
        Assert.Equal(decimal.Parse(percent, CultureInfo.InvariantCulture), new DraftProgress(agreed, total).AgreedPercent);

    [Fact]
    public void Propose_KeyUsedAgain_FailsOnEachRepeat()
    {
        Provision[] provisions = [Agreed("purchases"), Agreed("ip"), Agreed("purchases"), Agreed("currency"), Agreed("ip")];

        var error = Assert.Throws<InvalidInputException>(() => Propose(1, 0, provisions));

        Assert.Equal("DUPLICATE_PROVISION_KEY", error.Reason);
        Assert.Equal(
            [
                new FieldError("Provisions[2].Key", "'purchases' appears more than once in the draft"),
                new FieldError("Provisions[4].Key", "'ip' appears more than once in the draft"),
            ],
            error.Fields);
    }

    [Fact]
    public void Propose_BasedOnAVersionThatDoesNotExist_IsNotFound()
    {
        var error = Assert.Throws<NotFoundException>(() => Propose(5, 4, EarlyMayText, basedOnExists: false));

        Assert.Equal(("DRAFT_NOT_FOUND", "negotiations/us-china/drafts/4"), (error.Reason, error.Resource));
    }

    [Fact]
    public void Propose_ProvisionCarryingAnUnknownCommitment_IsNotFound()
    {
        Provision[] provisions = [Agreed("ip"), Agreed("purchases") with { Commitments = ["negotiations/us-china/commitments/1", "negotiations/us-china/commitments/9"] }];

        var error = Assert.Throws<NotFoundException>(() => Propose(1, 0, provisions, commitmentExists: c => c.EndsWith("/1", StringComparison.Ordinal)));

        Assert.Equal(("COMMITMENT_NOT_FOUND", "negotiations/us-china/commitments/9"), (error.Reason, error.Resource));
    }

    [Fact]
    public void RevertAs_EarlyMayText_IsANewVersionEqualToIt()
    {
        var (earlyMay, _) = Propose(1, 0, EarlyMayText);
        var july = EarlyMay.AddDays(90);

        var (returned, proposed) = earlyMay.RevertAs(3, "Return to the early-May working draft", july);

        Assert.Equal((3, 1, 1, "Return to the early-May working draft", july), (returned.Version, returned.BasedOn, returned.RevertedTo, returned.Label, returned.CreateTime));
        Assert.Equal(EarlyMayText, returned.Provisions);
        Assert.Equal("Draft version 3 returns to version 1: 9 of 10 provisions agreed (90%).", proposed.Summary);
        Assert.Equal("negotiations/us-china/drafts/3", proposed.Subject);
    }

    [Fact]
    public void RevertAs_NoLabel_NamesTheVersionItReturnsTo() =>
        Assert.Equal("Return to version 1", Propose(1, 0, EarlyMayText).Draft.RevertAs(3, "", EarlyMay).Draft.Label);

    [Fact]
    public void ChangesSince_Revision_ListsAddedChangedAndRestatedThenRemoved()
    {
        var (earlyMay, _) = Propose(1, 0, EarlyMayText);
        Provision[] revision =
        [
            EarlyMayText[0] with { Text = "Administrative measures instead of changes to law." },
            EarlyMayText[1] with { Status = ProvisionStatusKind.Bracketed },
            .. EarlyMayText[2..9],
            Agreed("tariff-removal"),
        ];
        var (revised, _) = Propose(2, 1, revision);

        var changes = revised.ChangesSince(earlyMay);

        Assert.Equal(
            [
                ("ip", ProvisionChangeKind.Changed),
                ("technology-transfer", ProvisionChangeKind.StatusChanged),
                ("tariff-removal", ProvisionChangeKind.Added),
                ("enforcement", ProvisionChangeKind.Removed),
            ],
            changes.Select(c => (c.Key, c.Kind)));
        Assert.Null(changes[2].Before);
        Assert.Null(changes[3].After);
    }
}
