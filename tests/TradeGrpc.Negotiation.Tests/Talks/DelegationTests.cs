using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using static TradeGrpc.Negotiation.Tests.Talks.UsChinaTalks;

namespace TradeGrpc.Negotiation.Tests.Talks;

[Collection(SharedNegotiationHost.Name)]
public sealed class DelegationTests(NegotiationHostFixture fixture)
{
    private readonly NegotiationService.NegotiationServiceClient client = fixture.Client;

    [Fact]
    public async Task SetDelegation_BothParties_NegotiationCarriesOnePerParty()
    {
        var talks = await client.CreateUsChinaAsync();

        await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = UsDelegation() });
        var returned = await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = ChinaDelegation() });
        var fetched = await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name });

        Assert.Equal(talks.Name, returned.Name);
        Assert.Equal(["CN", "US"], returned.Delegations.Select(d => d.Party).Order(StringComparer.Ordinal));
        Assert.Equal(UsDelegation(), returned.Delegations.Single(d => d.Party == "US"));
        Assert.Equal(ChinaDelegation(), returned.Delegations.Single(d => d.Party == "CN"));
        Assert.Equal(returned.Delegations.OrderBy(d => d.Party, StringComparer.Ordinal),
            fetched.Delegations.OrderBy(d => d.Party, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SetDelegation_SamePartyAgain_ReplacesItsEarlierDelegation()
    {
        var talks = await client.CreateUsChinaWithDelegationsAsync();
        var reshuffled = new Delegation
        {
            Party = "US",
            Members =
            {
                Member(Lighthizer, "United States Trade Representative", "Office of the USTR", lead: true),
                Member("Wilbur Ross", "Secretary of Commerce", "Commerce"),
            },
        };

        var returned = await client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = reshuffled });

        Assert.Equal(2, returned.Delegations.Count);
        Assert.Equal(reshuffled, returned.Delegations.Single(d => d.Party == "US"));
        Assert.Equal(ChinaDelegation(), returned.Delegations.Single(d => d.Party == "CN"));
    }

    [Fact]
    public async Task SetDelegation_PartyNotInTheNegotiation_IsFailedPreconditionPartyNotInNegotiation()
    {
        var talks = await client.CreateUsChinaAsync();
        var japan = new Delegation { Party = "JP", Members = { Member("Toshimitsu Motegi", "Minister", "Cabinet Office", lead: true) } };

        var error = await ErrorOf(client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = japan }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("PARTY_NOT_IN_NEGOTIATION", error.GetErrorInfo()?.Reason);
        Assert.Empty((await client.GetNegotiationAsync(new GetNegotiationRequest { Name = talks.Name })).Delegations);
    }

    [Fact]
    public async Task SetDelegation_TwoLeads_IsInvalidArgumentNamingTheMembers()
    {
        var talks = await client.CreateUsChinaAsync();
        var delegation = UsDelegation();
        delegation.Members[1].Lead = true;

        var error = await ErrorOf(client.SetDelegationAsync(new SetDelegationRequest { Negotiation = talks.Name, Delegation = delegation }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["delegation.members"], error.GetInvalidFields());
    }

    [Fact]
    public async Task SetDelegation_UnknownNegotiation_IsNotFound()
    {
        var error = await ErrorOf(client.SetDelegationAsync(new SetDelegationRequest { Negotiation = UnknownNegotiation, Delegation = UsDelegation() }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("NEGOTIATION_NOT_FOUND", error.GetErrorInfo()?.Reason);
    }
}
