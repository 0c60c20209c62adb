using System.Diagnostics;
using TradeGrpc.Negotiation.Tariffs;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;
using static TradeGrpc.Negotiation.Tests.TariffIntegrationTests;
using static TradeGrpc.Testing.ProtoDates;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>Traces across both services, each host exporting its own to memory.</summary>
public sealed class TelemetryTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static async Task<(ServiceHost Tariff, TelemetryCapture TariffSpans, ServiceHost Negotiation, TelemetryCapture NegotiationSpans)> StartBothAsync()
    {
        var tariffSpans = new TelemetryCapture();
        var tariff = await ServiceHost.StartAsync(args => TariffApp.Build(args, Hosting.CallerChecks.Enforced, tariffSpans.Register), TestAuthority.SecureEndpoint());
        var negotiationSpans = new TelemetryCapture();
        var negotiation = await ServiceHost.StartAsync(args => NegotiationApp.Build(args, negotiationSpans.Register), NegotiationSettings(tariff.SecureAddress.Port));
        return (tariff, tariffSpans, negotiation, negotiationSpans);
    }

    /// <summary>Makes a call in a trace of the test's own, sampled, which it carries to the services in its traceparent; returns the trace.</summary>
    private static async Task<ActivityTraceId> TracedAsync(Func<Task> call)
    {
        using var test = new Activity("test") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.SetIdFormat(ActivityIdFormat.W3C).Start();
        await call();
        return test.TraceId;
    }

    private static Func<IReadOnlyList<Activity>, bool> Has(Func<Activity, bool> span) => spans => spans.Any(span);

    private static bool IsServerSpanOf(Activity span, ActivityTraceId trace, string method) =>
        span.TraceId == trace && span.Kind == ActivityKind.Server && span.DisplayName.EndsWith(method, StringComparison.Ordinal);

    [Fact]
    public async Task GetDealImpact_TracedCall_OneTraceSpansBothServices()
    {
        var (tariff, tariffSpans, negotiation, negotiationSpans) = await StartBothAsync();
        await using var tariffHost = tariff;
        await using var negotiationHost = negotiation;
        var (talks, client) = await UsChinaAsync(negotiation);
        await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-3", ConcessionAction.Suspend, Day(2019, 6, 1)));

        var trace = await TracedAsync(() => client.GetDealImpactAsync(Basket(talks.Name)).ResponseAsync);

        var negotiationSide = await Eventually.PollAsync(() => Task.FromResult(negotiationSpans.Spans),
            Has(s => IsServerSpanOf(s, trace, "/GetDealImpact")), Deadline);
        var tariffSide = await Eventually.PollAsync(() => Task.FromResult(tariffSpans.Spans),
            Has(s => IsServerSpanOf(s, trace, "/QuoteScenarios")), Deadline);
        var server = negotiationSide.Single(s => IsServerSpanOf(s, trace, "/GetDealImpact"));
        // The gRPC client's span of the call, then the HTTP request that carries it, then the tariff service's span.
        var outgoing = negotiationSide.Single(s => s.TraceId == trace && s.Kind == ActivityKind.Client && s.ParentSpanId == server.SpanId);
        var request = negotiationSide.Single(s => s.TraceId == trace && s.Kind == ActivityKind.Client && s.ParentSpanId == outgoing.SpanId);
        var tariffServer = tariffSide.Single(s => IsServerSpanOf(s, trace, "/QuoteScenarios"));

        Assert.Equal("/trade.tariff.v1.TariffService/QuoteScenarios", outgoing.GetTagItem("grpc.method"));
        Assert.Equal(request.SpanId, tariffServer.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, server.Status);
    }

    [Fact]
    public async Task ImplementConcession_DeliveredByTheRelay_DeliverySpanIsLinkedToTheCallThatAskedForIt()
    {
        var (tariff, tariffSpans, negotiation, negotiationSpans) = await StartBothAsync();
        await using var tariffHost = tariff;
        await using var negotiationHost = negotiation;
        var (talks, client) = await UsChinaAsync(negotiation);
        var concession = await client.RecordCommitmentAsync(Concession(talks.Name, "measures/us-301-list-4a", ConcessionAction.SetRate, Day(2020, 2, 14), "5"));

        var trace = await TracedAsync(() => client.ImplementConcessionAsync(new ImplementConcessionRequest { Name = concession.Name }).ResponseAsync);

        static bool IsDeliveryOf(Activity span, ActivityTraceId cause) =>
            span.Source.Name == ConcessionRelay.ActivitySourceName && span.Links.Any(l => l.Context.TraceId == cause);
        var spans = await Eventually.PollAsync(() => Task.FromResult(negotiationSpans.Spans), Has(s => IsDeliveryOf(s, trace)), Deadline);
        var asked = spans.Single(s => IsServerSpanOf(s, trace, "/ImplementConcession"));
        var delivery = spans.Single(s => IsDeliveryOf(s, trace));
        var carriedOut = await Eventually.PollAsync(() => Task.FromResult(tariffSpans.Spans),
            Has(s => IsServerSpanOf(s, delivery.TraceId, "/ScheduleRatePhase")), Deadline);

        // A trace of its own, whose one link is the call that wrote the outbox item; the tariff service's call is in it.
        Assert.NotEqual(trace, delivery.TraceId);
        Assert.Equal(default, delivery.ParentSpanId);
        Assert.Equal(asked.SpanId, Assert.Single(delivery.Links).Context.SpanId);
        Assert.Equal("delivered", delivery.GetTagItem("tradegrpc.delivery.outcome"));
        Assert.Equal(concession.Name, delivery.GetTagItem("tradegrpc.commitment"));
        Assert.Contains(carriedOut, s => IsServerSpanOf(s, delivery.TraceId, "/ScheduleRatePhase"));
    }
}
