using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TradeGrpc.ServiceDefaults.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// HybridCache in process, with Redis as its second level and as the bus between replicas when
    /// <c>ConnectionStrings:Redis</c> is set. Redis only speeds things up: the connection fails
    /// fast (no command backlog, short timeouts, no abort when it is down at start) and comes
    /// back by itself.
    /// </summary>
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder, string service)
    {
        var services = builder.Services;
        services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(5) };
        }).AddSerializerFactory<ProtobufSerializerFactory>();

        var redis = builder.Configuration.GetConnectionString("Redis");
        if (!string.IsNullOrEmpty(redis))
        {
            // HybridCache logs each failed Redis call; RedisConnection logs an outage once instead.
            builder.Logging.AddFilter("Microsoft.Extensions.Caching.Hybrid", LogLevel.Critical);
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
            services.AddStackExchangeRedisCache(cache => { });
            services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
                .Configure<IServiceProvider>((cache, sp) => cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));
        }

        services.AddSingleton(sp => new ReplicaBus(service, sp.GetService<IConnectionMultiplexer>(), sp.GetRequiredService<ILogger<ReplicaBus>>()));
        services.AddSingleton<ReadCache>();
        services.AddSingleton(new ReplicaPolling(
            builder.Configuration.GetValue("Replicas:QuietPollInterval", TimeSpan.FromSeconds(5)),
            builder.Configuration.GetValue("Replicas:OutOfStepPollInterval", TimeSpan.FromSeconds(1))));
        return builder;
    }
}
