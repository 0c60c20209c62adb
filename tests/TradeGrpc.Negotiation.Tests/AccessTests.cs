using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Security;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>The permission of every method of the negotiation service, called anonymously, without it and with it.</summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class AccessTests(NegotiationHostFixture fixture)
{
    [Fact]
    public async Task EveryMethod_AnonymousWithoutAndWithItsPermission_IsRefusedRefusedAndAdmitted()
    {
        var table = fixture.Host.Services.GetRequiredService<AccessTable>();

        var problems = await AccessMatrix.ViolationsAsync(fixture.Host, [NegotiationService.Descriptor, Audit.V1.AuditService.Descriptor], table.PermissionFor);

        Assert.Empty(problems);
    }
}
