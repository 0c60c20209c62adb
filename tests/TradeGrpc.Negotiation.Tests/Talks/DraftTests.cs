using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class DraftTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private static Provision Provision(string key, ProvisionState state, string text = "") => new()
    {
        Key = key,
        Title = key.Replace('-', ' '),
        Text = text.Length > 0 ? text : $"The parties agree on {key.Replace('-', ' ')}.",
        State = state,
    };

    private Task<DraftVersion> ProposeAsync(V1.Negotiation talks, string label, params Provision[] provisions) =>
        ProposeAsync(talks, label, 0, provisions);

    private async Task<DraftVersion> ProposeAsync(V1.Negotiation talks, string label, int basedOn, params Provision[] provisions) =>
        await client.ProposeDraftAsync(new ProposeDraftRequest
        {
            Parent = talks.Name,
            Draft = new DraftVersion { Label = label, BasedOn = basedOn, Provisions = { provisions } },
        });

    [Fact]
    public async Task ProposeDraft_TwoVersions_AreNumberedFromOne()
    {
        var talks = await client.CreateUsChinaAsync();

        var first = await ProposeAsync(talks, "first draft", Provision("intellectual-property", ProvisionState.Bracketed));
        var second = await ProposeAsync(talks, "second draft", 1, Provision("intellectual-property", ProvisionState.Agreed));

        Assert.Equal($"{talks.Name}/drafts/1", first.Name);
        Assert.Equal(1, first.Version);
        Assert.Equal(0, first.BasedOn);
        Assert.Equal($"{talks.Name}/drafts/2", second.Name);
        Assert.Equal(2, second.Version);
        Assert.Equal(1, second.BasedOn);
        Assert.Equal("second draft", second.Label);
        Assert.Equal(0, second.RevertedTo);
        Assert.NotNull(second.CreateTime);
    }

    [Fact]
    public async Task ProposeDraft_NineOfTenAgreed_ProgressIsNinetyPercent()
    {
        var talks = await client.CreateUsChinaAsync();
        var provisions = Enumerable.Range(1, 9).Select(i => Provision($"chapter-{i}", ProvisionState.Agreed))
            .Append(Provision("enforcement", ProvisionState.Bracketed))
            .ToArray();

        var draft = await ProposeAsync(talks, "150-page text", provisions);

        Assert.Equal(new DraftProgress { Agreed = 9, Total = 10, AgreedPercent = 90.0 }, draft.Progress);
    }

    [Fact]
    public async Task ProposeDraft_TwoOfThreeAgreed_PercentIsRoundedToOneDecimal()
    {
        var talks = await client.CreateUsChinaAsync();

        var draft = await ProposeAsync(talks, "working draft",
            Provision("agriculture", ProvisionState.Agreed),
            Provision("currency", ProvisionState.Agreed),
            Provision("enforcement", ProvisionState.Open));

        Assert.Equal(2, draft.Progress.Agreed);
        Assert.Equal(3, draft.Progress.Total);
        Assert.Equal(66.7, draft.Progress.AgreedPercent);
    }

    [Fact]
    public async Task ProposeDraft_DuplicateProvisionKey_IsInvalidArgumentNamingTheRepeatedKey()
    {
        var talks = await client.CreateUsChinaAsync();

        var error = await ErrorOf(client.ProposeDraftAsync(new ProposeDraftRequest
        {
            Parent = talks.Name,
            Draft = new DraftVersion
            {
                Provisions =
                {
                    Provision("agriculture", ProvisionState.Agreed),
                    Provision("currency", ProvisionState.Open),
                    Provision("agriculture", ProvisionState.Bracketed),
                },
            },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["draft.provisions[2].key"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ProposeDraft_BasedOnAVersionThatDoesNotExist_IsNotFoundWithDraftNotFound()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "first draft", Provision("agriculture", ProvisionState.Open));

        var error = await ErrorOf(client.ProposeDraftAsync(new ProposeDraftRequest
        {
            Parent = talks.Name,
            Draft = new DraftVersion { BasedOn = 5, Provisions = { Provision("agriculture", ProvisionState.Agreed) } },
        }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("DRAFT_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task GetDraft_Latest_ReturnsTheNewestVersion()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "first draft", Provision("agriculture", ProvisionState.Open));
        var second = await ProposeAsync(talks, "second draft", 1, Provision("agriculture", ProvisionState.Agreed));

        var latest = await client.GetDraftVersionAsync(new GetDraftVersionRequest { Name = $"{talks.Name}/drafts/latest" });
        var byNumber = await client.GetDraftVersionAsync(new GetDraftVersionRequest { Name = $"{talks.Name}/drafts/2" });

        Assert.Equal(second, latest);
        Assert.Equal(second, byNumber);
    }

    [Fact]
    public async Task GetDraft_UnknownVersion_IsNotFoundWithDraftNotFound()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "first draft", Provision("agriculture", ProvisionState.Open));

        var error = await ErrorOf(client.GetDraftVersionAsync(new GetDraftVersionRequest { Name = $"{talks.Name}/drafts/2" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("DRAFT_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task ListDraftVersions_ThreeVersions_ComeBackInVersionOrder()
    {
        var talks = await client.CreateUsChinaAsync();
        for (var i = 0; i < 3; i++)
        {
            await ProposeAsync(talks, $"draft {i + 1}", i, Provision("agriculture", ProvisionState.Open));
        }

        var listed = await client.ListDraftVersionsAsync(new ListDraftVersionsRequest { Parent = talks.Name });

        Assert.Equal([1, 2, 3], listed.Drafts.Select(d => d.Version));
        Assert.Equal(["draft 1", "draft 2", "draft 3"], listed.Drafts.Select(d => d.Label));
    }

    [Fact]
    public async Task CompareDrafts_EachKindOfChange_IsListedInTheLaterVersionsOrderWithRemovedLast()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "early-May working draft",
            Provision("intellectual-property", ProvisionState.Bracketed),
            Provision("technology-transfer", ProvisionState.Open),
            Provision("currency", ProvisionState.Agreed),
            Provision("enforcement", ProvisionState.Bracketed));
        var technologyTransfer = Provision("technology-transfer", ProvisionState.Open, "No forced transfer as a condition of market access.");
        await ProposeAsync(talks, "China's revision", 1,
            Provision("intellectual-property", ProvisionState.Agreed),
            Provision("currency", ProvisionState.Agreed),
            technologyTransfer,
            Provision("agriculture", ProvisionState.Open));

        var compared = await client.CompareDraftsAsync(new CompareDraftsRequest { Parent = talks.Name, FromVersion = 1, ToVersion = 2 });

        Assert.Equal(
            [
                ("intellectual-property", ProvisionChangeKind.StateChanged),
                ("technology-transfer", ProvisionChangeKind.Changed),
                ("agriculture", ProvisionChangeKind.Added),
                ("enforcement", ProvisionChangeKind.Removed),
            ],
            compared.Changes.Select(c => (c.Key, c.Kind)));
        var stateChanged = compared.Changes[0];
        Assert.Equal(ProvisionState.Bracketed, stateChanged.Before.State);
        Assert.Equal(ProvisionState.Agreed, stateChanged.After.State);
        Assert.Equal(technologyTransfer, compared.Changes[1].After);
        Assert.Null(compared.Changes[2].Before);
        Assert.Equal(Provision("agriculture", ProvisionState.Open), compared.Changes[2].After);
        Assert.Equal(Provision("enforcement", ProvisionState.Bracketed), compared.Changes[3].Before);
        Assert.Null(compared.Changes[3].After);
        Assert.Equal(new DraftProgress { Agreed = 1, Total = 4, AgreedPercent = 25.0 }, compared.FromProgress);
        Assert.Equal(new DraftProgress { Agreed = 2, Total = 4, AgreedPercent = 50.0 }, compared.ToProgress);
    }

    [Fact]
    public async Task CompareDrafts_TextAndStatusBothChanged_IsChanged()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "before", Provision("enforcement", ProvisionState.Bracketed, "[Tariffs snap back.] [Disputes go to consultation.]"));
        await ProposeAsync(talks, "after", 1, Provision("enforcement", ProvisionState.Agreed, "Disputes go to consultation; tariffs may be reimposed."));

        var compared = await client.CompareDraftsAsync(new CompareDraftsRequest { Parent = talks.Name, FromVersion = 1, ToVersion = 2 });

        Assert.Equal(ProvisionChangeKind.Changed, Assert.Single(compared.Changes).Kind);
    }

    [Fact]
    public async Task RevertDraft_ToAnEarlierVersion_MakesANewVersionWithItsProvisions()
    {
        var talks = await client.CreateUsChinaAsync();
        var earlyMay = await ProposeAsync(talks, "early-May working draft",
            Provision("intellectual-property", ProvisionState.Agreed),
            Provision("enforcement", ProvisionState.Bracketed));
        await ProposeAsync(talks, "China's revision", 1,
            Provision("intellectual-property", ProvisionState.Open, "To be settled by domestic law."),
            Provision("enforcement", ProvisionState.Open));

        var reverted = await client.RevertDraftAsync(new RevertDraftRequest { Parent = talks.Name, Version = 1, Label = "back to early May" });

        Assert.Equal($"{talks.Name}/drafts/3", reverted.Name);
        Assert.Equal(3, reverted.Version);
        Assert.Equal(1, reverted.RevertedTo);
        Assert.Equal(1, reverted.BasedOn);
        Assert.Equal("back to early May", reverted.Label);
        Assert.Equal(earlyMay.Provisions, reverted.Provisions);
        Assert.Equal(earlyMay.Progress, reverted.Progress);
        Assert.Equal(reverted, await client.GetDraftVersionAsync(new GetDraftVersionRequest { Name = $"{talks.Name}/drafts/latest" }));
    }

    [Fact]
    public async Task RevertDraft_ThenCompareWithTheVersionRevertedTo_HasNoChanges()
    {
        var talks = await client.CreateUsChinaAsync();
        await ProposeAsync(talks, "early-May working draft", Provision("intellectual-property", ProvisionState.Agreed));
        await ProposeAsync(talks, "China's revision", 1, Provision("intellectual-property", ProvisionState.Open, "To be settled by domestic law."));
        var reverted = await client.RevertDraftAsync(new RevertDraftRequest { Parent = talks.Name, Version = 1, Label = "back to early May" });

        var compared = await client.CompareDraftsAsync(new CompareDraftsRequest { Parent = talks.Name, FromVersion = 1, ToVersion = reverted.Version });

        Assert.Empty(compared.Changes);
        Assert.Equal(compared.FromProgress, compared.ToProgress);
    }
}
