using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace TradeGrpc.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// The <see cref="ReplicaBus"/> of <paramref name="service"/>: over Redis when
    /// <c>ConnectionStrings:Redis</c> is set, in process only otherwise. Redis only speeds things
    /// up: the connection fails fast (no command backlog, short timeouts, no abort when it is down
    /// at start) and comes back by itself. Messages are signed with <c>Replicas:MessageKey</c>, or
    /// when it is unset with the key <paramref name="sharedKey"/> gives (one the replicas share
    /// through their store).
    /// </summary>
    public static WebApplicationBuilder AddReplicaMessaging(this WebApplicationBuilder builder, string service,
        Func<IServiceProvider, CancellationToken, Task<byte[]>> sharedKey)
    {
        var services = builder.Services;
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section)
            .Validate(o => o.QuietPollInterval > TimeSpan.Zero && o.QuietPollInterval <= TimeSpan.FromDays(1), "Replicas:QuietPollInterval must be more than zero and at most a day.")
            .Validate(o => o.InStepPollInterval > TimeSpan.Zero && o.InStepPollInterval <= TimeSpan.FromDays(1), "Replicas:InStepPollInterval must be more than zero and at most a day.")
            .Validate(o => o.OutOfStepPollInterval > TimeSpan.Zero && o.OutOfStepPollInterval <= TimeSpan.FromDays(1), "Replicas:OutOfStepPollInterval must be more than zero and at most a day.")
            .Validate(o => o.MessageKey is null || o.MessageKeyBytes() is not null,
                "Replicas:MessageKey must be base64 of at least 32 random bytes (openssl rand -base64 32), the same on every replica of the service, or unset.")
            .ValidateOnStart();
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = 1000;
            options.SyncTimeout = 500;
            options.AsyncTimeout = 500;
            // Timeouts are checked at each heartbeat: every 250 ms, so that a hanging Redis costs a call about half a second, not one or two.
            options.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
            options.ConnectRetry = 1;
            options.ReconnectRetryPolicy = new LinearRetry(500);
            services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Open(options, sp.GetRequiredService<ILogger<RedisConnection>>()));
            // Each Redis command a span, from this connection (the one the cache shares), while a host's telemetry is on.
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddRedisInstrumentation());
        }

        services.AddSingleton(sp =>
        {
            Func<CancellationToken, Task<byte[]>> key = sp.GetRequiredService<IOptions<ReplicaOptions>>().Value.MessageKeyBytes() is { } configured
                ? _ => Task.FromResult(configured)
                : cancellationToken => sharedKey(sp, cancellationToken);
            return new ReplicaBus(service, sp.GetService<IConnectionMultiplexer>(), key, sp.GetRequiredService<ILogger<ReplicaBus>>());
        });
        return builder;
    }
}
