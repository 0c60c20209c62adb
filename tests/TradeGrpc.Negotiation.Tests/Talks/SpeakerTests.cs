using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests.Talks;

/// <summary>
/// Who records what: a negotiator whose token names a party records that party's positions and
/// commitments only; recording a commitment as OFFICIAL takes an official; every event names who
/// caused it.
/// </summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class SpeakerTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    private NegotiationService.NegotiationServiceClient As(string subject, string role, string party = "") =>
        new(fixture.Host.ChannelAs(TestAuthority.Token(subject, [role], "Office of the USTR", party)));

    private static Commitment Pledge(string party) => new()
    {
        Party = party,
        Kind = CommitmentKind.Purchase,
        Purchase = new PurchaseTerms { Category = "agriculture", StartDate = Day(2020, 1, 1), EndDate = Day(2020, 12, 31), Target = Usd(12_500_000_000) },
    };

    [Fact]
    public async Task RecordPosition_ANegotiatorForTheUsForChina_IsPermissionDenied()
    {
        var talks = await client.CreateUsChinaAsync();
        var issue = await client.RaiseAsync(talks, "Tariff removal");
        var lighthizer = As("lighthizer", "negotiator", party: "US");

        var error = await ErrorOf(lighthizer.RecordPositionAsync(new RecordPositionRequest
        {
            Name = issue.Name, Position = new Position { Party = "CN", Stance = Stance.Demands },
        }));
        var own = await lighthizer.RecordPositionAsync(new RecordPositionRequest
        {
            Name = issue.Name, Position = new Position { Party = "US", Stance = Stance.Opposes },
        });

        Assert.Equal((StatusCode.PermissionDenied, "talks.write"), (error.StatusCode, error.GetErrorInfo()?.Metadata["permission"]));
        Assert.Equal("US", Assert.Single(own.Positions).Party);
    }

    [Fact]
    public async Task CommitmentChanges_ANegotiatorForTheUsOnAChinesePledge_AreRefused()
    {
        var talks = await client.CreateUsChinaAsync();
        var pledge = await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name, Commitment = Pledge("CN"), InitialState = CommitmentState.Indicated,
        });
        var lighthizer = As("lighthizer", "negotiator", party: "US");

        var recorded = await ErrorOf(lighthizer.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name, Commitment = Pledge("CN"), InitialState = CommitmentState.Proposed,
        }));
        var proposed = await ErrorOf(lighthizer.ProposeCommitmentAsync(new ProposeCommitmentRequest { Name = pledge.Name }));
        var chinese = await As("liu", "negotiator", party: "CN").ProposeCommitmentAsync(new ProposeCommitmentRequest { Name = pledge.Name });

        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (recorded.StatusCode, proposed.StatusCode));
        Assert.Equal(CommitmentState.Proposed, chinese.State);
    }

    [Fact]
    public async Task RecordCommitment_OfficialByANegotiator_IsPermissionDeniedAndByAnOfficialIsRecorded()
    {
        var talks = await client.CreateUsChinaAsync();
        var request = new RecordCommitmentRequest { Parent = talks.Name, Commitment = Pledge("CN"), InitialState = CommitmentState.Official };

        var error = await ErrorOf(As("liu", "negotiator").RecordCommitmentAsync(request));
        var official = await As("liu", "official").RecordCommitmentAsync(request);

        Assert.Equal((StatusCode.PermissionDenied, "commitments.officiate"), (error.StatusCode, error.GetErrorInfo()?.Metadata["permission"]));
        Assert.Equal(CommitmentState.Official, official.State);
    }

    [Fact]
    public async Task Events_NameWhoCausedThem()
    {
        var talks = await client.CreateUsChinaAsync();
        await As("lighthizer", "negotiator", party: "US").RaiseIssueAsync(new RaiseIssueRequest
        {
            Parent = talks.Name, Issue = new Issue { Title = "Forced technology transfer", Category = IssueCategory.IntellectualProperty, DemandedBy = "US" },
        });

        var events = await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name });

        Assert.Equal([("tester", "Acme Trading"), ("lighthizer", "Office of the USTR")],
            events.Events.Select(e => (e.Actor.Subject, e.Actor.Organisation)));
        Assert.All(events.Events, e => Assert.Equal(Identity.V1.CredentialKind.Token, e.Actor.Credential));
    }

    [Fact]
    public async Task ImplementConcession_ByANegotiator_IsDeniedAndAsksTheTariffServiceNothing()
    {
        var talks = await client.CreateUsChinaAsync();
        var concession = await client.RecordCommitmentAsync(new RecordCommitmentRequest
        {
            Parent = talks.Name,
            InitialState = CommitmentState.Official,
            Commitment = new Commitment
            {
                Party = "US",
                Kind = CommitmentKind.TariffConcession,
                Concession = new TariffConcession { Measure = "measures/us-301-list-4a", Action = ConcessionAction.Suspend, EffectiveDate = Day(2020, 2, 14) },
            },
        });

        var error = await ErrorOf(As("lighthizer", "negotiator", party: "US").ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name }));
        var after = await client.GetCommitmentAsync(new GetCommitmentRequest { Name = concession.Name });
        var requested = await client.ListEventsAsync(new ListEventsRequest { Parent = talks.Name, Kinds = { EventKind.ConcessionRequested } });

        Assert.Equal((StatusCode.PermissionDenied, "commitments.officiate"), (error.StatusCode, error.GetErrorInfo()?.Metadata["permission"]));
        Assert.Null(after.Delivery);
        Assert.Empty(requested.Events);
    }
}
