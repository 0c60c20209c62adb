using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TradeGrpc.Hosting;

/// <summary>Where a host sends its traces, metrics and logs (<c>Telemetry:Exporter</c>).</summary>
public enum TelemetryExporter
{
    /// <summary>Nowhere: no provider is built, so nothing is sampled, recorded or batched.</summary>
    None,

    /// <summary>Over OTLP, to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other <c>OTEL_EXPORTER_OTLP_*</c> variables).</summary>
    Otlp,

    /// <summary>Recorded and batched like <see cref="Otlp"/>, then dropped: what tracing costs a host, without a collector.</summary>
    Discard,
}

/// <summary>The telemetry settings (section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Where telemetry goes; unset, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and nowhere when not.</summary>
    public TelemetryExporter? Exporter { get; set; }
}

/// <summary>
/// OpenTelemetry for both hosts: traces of incoming calls, outgoing HTTP (the gRPC client's
/// calls), and every <c>TradeGrpc.*</c> source; metrics of requests, Kestrel, the runtime and every
/// <c>TradeGrpc.*</c> meter; logs with the trace they belong to. Libraries add their own
/// instrumentation beside it (the store's Npgsql, Redis) with <c>ConfigureOpenTelemetry*Provider</c>.
/// </summary>
public static class Telemetry
{
    /// <summary>The activity sources and meters of this product, by their names' prefix.</summary>
    public const string Names = "TradeGrpc.*";

    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// What is instrumented is declared always, and costs nothing until a provider is built; a
    /// provider is built only when an exporter is chosen: <c>Telemetry:Exporter</c>, or OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. A test adds its own exporter with
    /// <c>services.AddOpenTelemetry()</c>, which builds one with the same instrumentation.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The trace a log line belongs to, as a scope of the line; the JSON console writes scopes only when asked.
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(Names)
            // gRPC's own client span (method and status) around the HTTP request that carries the call.
            .AddSource("Grpc.Net.Client")
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsHealthCheck(context))
            .AddHttpClientInstrumentation());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(Names)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddView(instrument => IsPerRequestDetail(instrument) ? MetricStreamConfiguration.Drop : null));

        var exporter = ChosenExporter(builder.Configuration);
        if (exporter == TelemetryExporter.None)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // OTEL_SERVICE_NAME, when set, names the service instead (the default resource reads it).
                if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(builder.Environment.ApplicationName);
                }
            })
            .WithTracing()
            .WithMetrics()
            .WithLogging(configureBuilder: null, configureOptions: logs =>
            {
                logs.IncludeFormattedMessage = true;
                logs.IncludeScopes = true;
            });
        if (exporter == TelemetryExporter.Otlp)
        {
            telemetry.UseOtlpExporter();
        }
        else
        {
            telemetry
                .WithTracing(tracing => tracing.AddProcessor(new BatchActivityExportProcessor(new DiscardExporter<Activity>())))
                .WithMetrics(metrics => metrics.AddReader(new PeriodicExportingMetricReader(new DiscardExporter<Metric>())))
                .WithLogging(logs => logs.AddProcessor(new BatchLogRecordExportProcessor(new DiscardExporter<LogRecord>())));
        }

        return builder;
    }

    /// <summary><c>Telemetry:Exporter</c> when set; otherwise OTLP when its endpoint is set, and none when not.</summary>
    public static TelemetryExporter ChosenExporter(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.Exporter
        ?? (string.IsNullOrEmpty(configuration[OtlpEndpoint]) ? TelemetryExporter.None : TelemetryExporter.Otlp);

    /// <summary>
    /// ASP.NET Core's instruments that are updated on every request, or on every buffer a request rents, and add little
    /// to <c>http.server.request.duration</c> (rate, errors and latency by route) and the runtime's metrics: the memory
    /// pool's, <c>kestrel.queued_requests</c> and <c>aspnetcore.routing.match_attempts</c>. Dropped, an instrument is
    /// never enabled, so nothing records it: with these collected, a traced LookupRates spent 2.1 to 2.4 us of CPU
    /// updating metrics, and 0.2 to 0.6 us without (<c>perf</c>, <c>benchmarks/README.md</c>). dotnet-counters still
    /// reads them, through a listener of its own.
    /// </summary>
    private static bool IsPerRequestDetail(Instrument instrument) =>
        instrument.Meter.Name == "Microsoft.AspNetCore.MemoryPool" || instrument.Name is "kestrel.queued_requests" or "aspnetcore.routing.match_attempts";

    // Load balancers and orchestrators ask every few seconds: traced, they would drown the calls that matter.
    private static bool IsHealthCheck(HttpContext context) => context.Request.Path.StartsWithSegments("/grpc.health.v1.Health");

    /// <summary>Takes every batch and keeps nothing.</summary>
    private sealed class DiscardExporter<T> : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch) => ExportResult.Success;
    }
}
