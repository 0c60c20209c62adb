using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TradeGrpc.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// The <see cref="ReadCache"/>: HybridCache in process, with Redis as its second level when
    /// the replica bus has a Redis connection (<c>ConnectionStrings:Redis</c>).
    /// </summary>
    public static WebApplicationBuilder AddReadCache(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(5) };
        }).AddSerializerFactory<ProtobufSerializerFactory>();
        if (!string.IsNullOrEmpty(builder.Configuration.GetConnectionString("Redis")))
        {
            // HybridCache logs each failed Redis call; RedisConnection logs an outage once instead.
            builder.Logging.AddFilter("Microsoft.Extensions.Caching.Hybrid", LogLevel.Critical);
            services.AddStackExchangeRedisCache(_ => { });
            services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
                .Configure<IServiceProvider>((cache, sp) => cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));
        }

        services.AddSingleton<ReadCache>();
        return builder;
    }
}
