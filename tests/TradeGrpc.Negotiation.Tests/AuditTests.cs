using Grpc.Core;
using TradeGrpc.Audit.V1;
using TradeGrpc.Negotiation.Tests.Talks;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>The negotiation service's audit trail: changes to the talks, allowed or refused.</summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class AuditTests(NegotiationHostFixture fixture)
{
    [Fact]
    public async Task RecordingAndARefusedImplementation_AreBothInTheTrail()
    {
        var talks = await fixture.Client.CreateUsChinaAsync();
        var negotiator = new NegotiationService.NegotiationServiceClient(fixture.Host.ChannelAs(TestAuthority.Token("audit-negotiator", ["negotiator"])));
        var issue = await negotiator.RaiseAsync(talks, "Market access");
        await Assert.ThrowsAsync<RpcException>(() => negotiator.ImplementConcessionAsync(
            new ImplementConcessionRequest { Name = $"{talks.Name}/commitments/1" }).ResponseAsync);

        var auditor = new AuditService.AuditServiceClient(fixture.Host.ChannelAs(TestAuthority.Token("auditor", ["auditor"])));
        var entries = (await auditor.ListAuditEntriesAsync(new ListAuditEntriesRequest { Subject = "audit-negotiator" })).Entries;

        Assert.Equal(
            [
                ("/trade.negotiation.v1.NegotiationService/RaiseIssue", issue.Name, "OK"),
                ("/trade.negotiation.v1.NegotiationService/ImplementConcession", $"{talks.Name}/commitments/1", "PERMISSION_DENIED"),
            ],
            entries.Select(e => (e.Method, e.Resource, e.Outcome)));
    }
}
