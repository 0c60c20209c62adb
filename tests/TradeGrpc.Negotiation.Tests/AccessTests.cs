using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Security;
using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>The permission of every method of the negotiation service, called anonymously, without it and with it; the no-op Ping with a token and without.</summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class AccessTests(NegotiationHostFixture fixture)
{
    [Fact]
    public async Task EveryMethod_AnonymousWithoutAndWithItsPermission_IsRefusedRefusedAndAdmitted()
    {
        var table = fixture.Host.Services.GetRequiredService<AccessTable>();

        var problems = await AccessMatrix.ViolationsAsync(fixture.Host, [NegotiationService.Descriptor, Audit.V1.AuditService.Descriptor, DiagnosticsService.Descriptor], table.PermissionFor);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Ping_WithAToken_IsAnsweredAndWithoutOne_IsUnauthenticated()
    {
        using var analyst = fixture.Host.ChannelAs(TestAuthority.Token("analyst", ["analyst"]));
        using var anonymous = fixture.Host.ChannelAs(null);

        await new DiagnosticsService.DiagnosticsServiceClient(analyst).PingAsync(new PingRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => new DiagnosticsService.DiagnosticsServiceClient(anonymous).PingAsync(new PingRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
