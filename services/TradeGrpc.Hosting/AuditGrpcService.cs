using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TradeGrpc.Audit.V1;
using TradeGrpc.Storage;

namespace TradeGrpc.Hosting;

/// <summary>Reads the host's audit trail; the contract offers nothing that changes it.</summary>
public sealed class AuditGrpcService(AuditLog log, PageToken pages) : AuditService.AuditServiceBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var filter = new AuditFilter(request.Method, request.Subject, request.Outcome,
            request.FromDate?.ToDateOnly("from_date").ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            request.ToDate?.ToDateOnly("to_date").ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc));
        var (page, next) = await pages.ReadAsync($"method={request.Method};subject={request.Subject};outcome={request.Outcome};from={request.FromDate};to={request.ToDate}",
            request.PageToken, request.PageSize,
            (after, limit) => log.ListAsync(filter, after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture), limit, context.CancellationToken),
            e => e.Sequence.ToString(CultureInfo.InvariantCulture));
        return new ListAuditEntriesResponse
        {
            NextPageToken = next,
            Entries =
            {
                page.Select(e => new AuditEntry
                {
                    Sequence = e.Sequence,
                    Time = Timestamp.FromDateTimeOffset(e.Time),
                    Method = e.Method,
                    Actor = e.Actor.ToMessage(),
                    Resource = e.Resource,
                    RequestId = e.RequestId,
                    Outcome = e.Outcome,
                    Reason = e.Reason,
                }),
            },
        };
    }
}
