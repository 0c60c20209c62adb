using Grpc.Core;
using TradeGrpc.Audit.V1;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Every attempt to change the book is in the audit trail, allowed or refused; reads are not; only auditors read it.</summary>
[Collection(SharedTariffHost.Name)]
public sealed class AuditTests(TariffHostFixture fixture)
{
    private MeasureService.MeasureServiceClient MeasuresAs(string subject, string role) =>
        new(fixture.Host.ChannelAs(TestAuthority.Token(subject, [role], "Audit Test Org")));

    private Task<IReadOnlyList<AuditEntry>> EntriesOfAsync(string subject) => EntriesAsync(new ListAuditEntriesRequest { Subject = subject });

    private async Task<IReadOnlyList<AuditEntry>> EntriesAsync(ListAuditEntriesRequest request)
    {
        var auditor = new AuditService.AuditServiceClient(fixture.Host.ChannelAs(TestAuthority.Token("auditor", ["auditor"])));
        return (await auditor.ListAuditEntriesAsync(request)).Entries;
    }

    [Fact]
    public async Task AllowedChange_IsRecordedWithItsCallerResourceAndRequestId()
    {
        var requestId = Guid.NewGuid().ToString();

        var requested = await MeasuresAs("audit-importer", "importer").RequestExclusionAsync(new RequestExclusionRequest
        {
            RequestId = requestId,
            Exclusion = new Exclusion { Measure = "measures/us-301-list-2", HtsCode = "9028.20.00", Requester = "Audit Test Org", ProductDescription = "Meters" },
        });
        var entry = Assert.Single(await EntriesOfAsync("audit-importer"));

        Assert.Equal(("/trade.tariff.v1.MeasureService/RequestExclusion", requested.Name, requestId, "OK", ""),
            (entry.Method, entry.Resource, entry.RequestId, entry.Outcome, entry.Reason));
        Assert.Equal(("Audit Test Org", Identity.V1.CredentialKind.Token), (entry.Actor.Organisation, entry.Actor.Credential));
    }

    [Fact]
    public async Task RefusedChange_IsRecordedWithWhyItWasRefused()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => MeasuresAs("audit-analyst", "analyst")
            .WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/us-301-list-3" }).ResponseAsync);

        var entry = Assert.Single(await EntriesOfAsync("audit-analyst"));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(("/trade.tariff.v1.MeasureService/WithdrawMeasure", "measures/us-301-list-3", "PERMISSION_DENIED", "PERMISSION_DENIED"),
            (entry.Method, entry.Resource, entry.Outcome, entry.Reason));
    }

    [Fact]
    public async Task ChangeWithoutCredentials_IsRecordedWithoutACaller()
    {
        using var channel = fixture.Host.ChannelAs(null);
        await Assert.ThrowsAsync<RpcException>(() => new MeasureService.MeasureServiceClient(channel)
            .SuspendMeasureAsync(new SuspendMeasureRequest { Name = "measures/audit-anonymous" }).ResponseAsync);

        // The refused suspensions only: all calls, whichever tests ran on the shared host before, can be more than the first page holds.
        var entries = await EntriesAsync(new ListAuditEntriesRequest { Method = "/trade.tariff.v1.MeasureService/SuspendMeasure", Outcome = "UNAUTHENTICATED" });

        Assert.Contains(entries, e => (e.Method, e.Resource, e.Outcome, e.Reason) ==
            ("/trade.tariff.v1.MeasureService/SuspendMeasure", "measures/audit-anonymous", "UNAUTHENTICATED", "CREDENTIALS_MISSING"));
    }

    [Fact]
    public async Task Read_IsNotRecorded()
    {
        await MeasuresAs("audit-reader", "analyst").GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3", View = MeasureView.Basic });

        Assert.Empty(await EntriesOfAsync("audit-reader"));
    }
}
