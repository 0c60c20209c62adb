using System.Buffers.Text;
using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>Run on each store provider (see ProviderRuns).</summary>
public abstract class TimelineTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private async Task<List<NegotiationEvent>> AllEventsAsync(V1.Negotiation talks, params EventKind[] kinds) =>
        [.. (await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, PageSize = 1000, Kinds = { kinds } })).Events];

    private static void AssertOldestFirst(V1.Negotiation talks, IReadOnlyList<NegotiationEvent> events)
    {
        Assert.All(events, e => Assert.Equal(talks.Name, e.Negotiation));
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence,
            $"sequence {pair.Second.Sequence} follows {pair.First.Sequence}"));
    }

    [Fact]
    public async Task ListEvents_DelegationsAndRounds_AreRecordedOldestFirstWithIncreasingSequence()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var washington = await client.HoldRoundAsync(talks, Day(2019, 5, 9), RoundOutcome.Impasse);
        var osaka = await client.ScheduleAsync(talks, Day(2019, 6, 29));
        await client.CancelRoundAsync(new CancelRoundRequest { Name = osaka.Name });

        var events = await AllEventsAsync(talks);

        Assert.Equal(
            [
                EventKind.NegotiationCreated,
                EventKind.DelegationSet,
                EventKind.DelegationSet,
                EventKind.RoundScheduled,
                EventKind.RoundStarted,
                EventKind.RoundEnded,
                EventKind.RoundScheduled,
                EventKind.RoundCancelled,
            ],
            events.Select(e => e.Kind));
        Assert.Equal(talks.Name, events[0].Subject);
        Assert.Equal([washington.Name, washington.Name, washington.Name, osaka.Name, osaka.Name], events.Skip(3).Select(e => e.Subject));
        AssertOldestFirst(talks, events);
        Assert.All(events, e => Assert.NotNull(e.EventTime));
    }

    [Fact]
    public async Task ListEvents_IssuesDraftsCommitmentsAndStatements_EachChangeAppendsItsEvent()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Soybean purchases", IssueCategory.AgriculturalPurchases);
        await client.RecordPositionAsync(new RecordPositionRequest
        {
            Name = issue.Name,
            Position = new Position { Party = "CN", Stance = Stance.OpenToCompromise },
        });
        await client.NarrowIssueAsync(new NarrowIssueRequest { Name = issue.Name });
        var draft = await client.ProposeDraftAsync(new ProposeDraftRequest
        {
            Parent = talks.Name,
            Draft = new DraftVersion { Provisions = { new Provision { Key = "agriculture", State = ProvisionState.Open } } },
        });
        var pledge = await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name,
            InitialState = CommitmentState.Proposed,
            Commitment = new Commitment
            {
                Party = "CN",
                Kind = CommitmentKind.Purchase,
                Purchase = new PurchaseTerms
                {
                    Category = "agriculture",
                    StartDate = Day(2020, 1, 1),
                    EndDate = Day(2020, 12, 31),
                    Target = Usd(12_500_000_000),
                },
            },
        });
        await client.MakeCommitmentOfficialAsync(new MakeCommitmentOfficialRequest { Name = pledge.Name });
        await client.RecordPurchasesAsync(new RecordPurchasesRequest
        {
            Name = pledge.Name,
            Purchase = new PurchaseRecord { StartDate = Day(2020, 1, 1), EndDate = Day(2020, 3, 31), Amount = Usd(3_000_000_000) },
        });
        var statement = await client.RecordStatementAsync(new RecordStatementRequest
        {
            Parent = talks.Name,
            Statement = new Statement
            {
                Speaker = new Speaker { Party = "CN" },
                Attribution = Attribution.StateMedia,
                Quote = "Purchases are proceeding.",
                StatementDate = Day(2020, 4, 1),
            },
        });

        var events = await AllEventsAsync(talks);

        Assert.Equal(
            [
                (EventKind.NegotiationCreated, talks.Name),
                (EventKind.IssueRaised, issue.Name),
                (EventKind.PositionRecorded, issue.Name),
                (EventKind.IssueStateChanged, issue.Name),
                (EventKind.DraftProposed, draft.Name),
                (EventKind.CommitmentRecorded, pledge.Name),
                (EventKind.CommitmentStateChanged, pledge.Name),
                (EventKind.PurchasesRecorded, pledge.Name),
                (EventKind.StatementRecorded, statement.Name),
            ],
            events.Select(e => (e.Kind, e.Subject)));
        AssertOldestFirst(talks, events);
    }

    [Fact]
    public async Task ListEvents_FilteredByKinds_ReturnsOnlyThoseKinds()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var round = await client.HoldRoundAsync(talks, Day(2019, 7, 30), RoundOutcome.Progress);
        await client.RaiseAsync(talks, "Huawei export controls", IssueCategory.TechnologyAndExportControls, demandedBy: "CN");

        var events = await AllEventsAsync(talks, EventKind.RoundStarted, EventKind.RoundEnded);

        Assert.Equal([(EventKind.RoundStarted, round.Name), (EventKind.RoundEnded, round.Name)], events.Select(e => (e.Kind, e.Subject)));
    }

    [Fact]
    public async Task ListEvents_PagesOfTwo_ReturnEachEventOnceInOrder()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        await client.HoldRoundAsync(talks, Day(2019, 10, 10), RoundOutcome.Progress);
        var all = await AllEventsAsync(talks);

        var paged = new List<NegotiationEvent>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, PageSize = 2, PageToken = token });
            Assert.True(page.Events.Count <= 2, $"a page of {page.Events.Count} events");
            paged.AddRange(page.Events);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 20);

        Assert.Equal(6, all.Count);
        Assert.Equal(all, paged);
    }

    private async Task AssertInvalidPageTokenAsync(V1.Negotiation talks, string token)
    {
        var error = await ErrorOf(client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, PageSize = 1, PageToken = token }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("INVALID_PAGE_TOKEN", error.GetErrorInfo()?.Reason);
        Assert.Equal(["page_token"], error.GetInvalidFields());
    }

    [Fact]
    public async Task ListEvents_ForgedPageToken_IsInvalidArgumentOnPageToken()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();

        // Written by hand in the form this list's tokens once had: its filters, a newline, and a key that is no sequence number.
        await AssertInvalidPageTokenAsync(talks, Base64Url.EncodeToString("kinds=;from=;to=\nnot-a-sequence"u8));
    }

    [Fact]
    public async Task ListEvents_PageTokenWithItsKeyAltered_IsInvalidArgumentOnPageToken()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var token = Base64Url.DecodeFromChars((await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, PageSize = 1 })).NextPageToken);

        // The last byte of the key raised by one: another position in the same list.
        token[^1]++;

        await AssertInvalidPageTokenAsync(talks, Base64Url.EncodeToString(token));
    }

    [Fact]
    public async Task ListEvents_UnknownNegotiation_IsNotFound()
    {
        var error = await ErrorOf(client.ListEventsAsync(new ListEventsRequest { Parent = UnknownNegotiation }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NEGOTIATION_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }

    [Fact]
    public async Task WatchNegotiation_AfterTheFirstOfThreeChanges_DeliversTheStoredOnesThenLiveOnes()
    {
        var talks = await client.CreateUsChinaAsync();
        var ip = await client.RaiseAsync(talks, "Intellectual property");
        var transfer = await client.RaiseAsync(talks, "Forced technology transfer");
        var subsidies = await client.RaiseAsync(talks, "Industrial subsidies");
        var firstChange = (await AllEventsAsync(talks, EventKind.IssueRaised))[0];
        Assert.Equal(ip.Name, firstChange.Subject);

        using var watch = client.WatchNegotiation(
            new WatchNegotiationRequest { Name = talks.Name, AfterSequence = firstChange.Sequence }, deadline: WatchDeadline());
        var stored = await ReadAsync(watch.ResponseStream, 2);
        var currency = await client.RaiseAsync(talks, "Currency", IssueCategory.Enforcement);
        var live = await ReadAsync(watch.ResponseStream, 1);

        Assert.Equal([transfer.Name, subsidies.Name], stored.Select(e => e.Subject));
        Assert.Equal([currency.Name], live.Select(e => e.Subject));
        Assert.All(stored.Concat(live), e => Assert.Equal(EventKind.IssueRaised, e.Kind));
        AssertOldestFirst(talks, [firstChange, .. stored, .. live]);

        // A second watch resuming after the last event seen gets only what came after it.
        using var resumed = client.WatchNegotiation(
            new WatchNegotiationRequest { Name = talks.Name, AfterSequence = live[0].Sequence }, deadline: WatchDeadline());
        var enforcement = await client.RaiseAsync(talks, "Enforcement mechanism", IssueCategory.Enforcement);
        var next = Assert.Single(await ReadAsync(resumed.ResponseStream, 1));
        Assert.Equal((EventKind.IssueRaised, enforcement.Name), (next.Kind, next.Subject));
        Assert.True(next.Sequence > live[0].Sequence);
    }

    [Fact]
    public async Task WatchNegotiation_ChangesToAnotherNegotiation_AreNotDelivered()
    {
        var watched = await client.CreateUsChinaAsync();
        var other = await client.CreateUsChinaAsync();
        var created = Assert.Single(await AllEventsAsync(watched));
        using var watch = client.WatchNegotiation(
            new WatchNegotiationRequest { Name = watched.Name, AfterSequence = created.Sequence }, deadline: WatchDeadline());

        await client.RaiseAsync(other, "Not watched");
        var issue = await client.RaiseAsync(watched, "Watched");
        var first = Assert.Single(await ReadAsync(watch.ResponseStream, 1));

        Assert.Equal((watched.Name, issue.Name), (first.Negotiation, first.Subject));
    }
}
