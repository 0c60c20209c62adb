using Grpc.Core;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>An error stays small enough for any client to read, however many fields of the request are wrong.</summary>
[Collection(SharedNegotiationHost.Name)]
public sealed class ErrorSizeTests(NegotiationHostFixture fixture)
{
    [Fact]
    public async Task CreateNegotiation_AThousandBadParties_IsInvalidArgumentNamingTheFirstTwenty()
    {
        var request = new CreateNegotiationRequest { Negotiation = new Negotiation.V1.Negotiation { Title = "Talks" } };
        // Each party holds a control character: one violation per item, checked before the contract's bound of 20 parties.
        request.Negotiation.Parties.Add(Enumerable.Repeat("U\u0001", 1000));

        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.CreateNegotiationAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"negotiation.parties[{i}]"), error.GetInvalidFields());
        Assert.EndsWith("; and 980 more", error.Status.Detail, StringComparison.Ordinal);
    }
}
