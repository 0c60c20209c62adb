using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;
using TradeGrpc.Messaging;

namespace TradeGrpc.Caching;

/// <summary>
/// Read models cached in HybridCache (in process, and in Redis when configured) under
/// versioned keys with tags; a change drops a tag on every replica through the
/// <see cref="ReplicaBus"/>. A key names the version of what it caches (read from the store),
/// so an entry is never stale: news that is late, or lost while Redis is away, only keeps memory
/// in use longer. Results too many and too varied to share between replicas (a deal priced on a
/// caller's basket) are kept in this process only, in a bounded cache of their own. Counts hits and
/// misses per read model for the hit ratio.
/// </summary>
public sealed class ReadCache : IDisposable
{
    /// <summary>How many results <see cref="GetOrCreateLocalAsync"/> keeps at most: callers choose the keys, so memory must not grow with them.</summary>
    public const int LocalEntries = 10_000;

    /// <summary>Part of every key: bump it when a cached message changes shape.</summary>
    public const string SchemaVersion = "v2";

    public const string MeterName = "TradeGrpc.Cache";

    private static readonly HybridCacheEntryOptions InProcessOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCacheRead | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    private readonly HybridCache cache;
    private readonly ReplicaBus bus;
    private readonly Counter<long> hits;
    private readonly Counter<long> misses;
    private readonly Counter<long> errors;
    private readonly MemoryCache local = new(new MemoryCacheOptions { SizeLimit = LocalEntries });

    public ReadCache(HybridCache cache, ReplicaBus bus, IMeterFactory meters)
    {
        this.cache = cache;
        this.bus = bus;
        var meter = meters.Create(MeterName);
        hits = meter.CreateCounter<long>("tradegrpc.cache.hits", description: "Reads answered from the cache");
        misses = meter.CreateCounter<long>("tradegrpc.cache.misses", description: "Reads that went to the store");
        errors = meter.CreateCounter<long>("tradegrpc.cache.redis_errors", description: "Cache operations Redis failed");
        bus.OnResync(() => RemoveByTagAsync("*"));
        bus.Subscribe<CacheTagDropped>(dropped => RemoveByTagAsync(dropped.Tag));
    }

    /// <summary>
    /// The cached <paramref name="model"/> under <paramref name="key"/>, else <paramref name="read"/>'s, cached with <paramref name="tag"/>.
    /// Every hit in this process gets the same instance (no copy is parsed per read), so the caller must not change it.
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string model, string key, string tag, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var missed = false;
        T value;
        try
        {
            // While Redis is away (or hanging, until the connection is given up), only the in-process level.
            value = (await cache.GetOrCreateAsync($"{SchemaVersion}:{model}:{key}", async token =>
            {
                missed = true;
                return new Shared<T>(await read(token));
            }, bus.InStep ? null : InProcessOnly, tags: [tag], cancellationToken: cancellationToken)).Value;
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Redis is an accelerator: without it, answer from the store.
            errors.Add(1);
            missed = true;
            value = await read(cancellationToken);
        }

        (missed ? misses : hits).Add(1, new KeyValuePair<string, object?>("model", model));
        return value;
    }

    /// <summary>
    /// The <paramref name="model"/> under <paramref name="key"/> kept in this process, else <paramref name="read"/>'s, kept
    /// for <paramref name="lifetime"/> at most; while <see cref="LocalEntries"/> are kept, a new one is not, until old ones expire.
    /// The key must name everything the result depends on; every hit gets the same instance, which the caller must not change.
    /// </summary>
    public async Task<T> GetOrCreateLocalAsync<T>(string model, string key, TimeSpan lifetime, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        var entryKey = $"{model}:{key}";
        if (local.TryGetValue(entryKey, out T? kept))
        {
            hits.Add(1, tag);
            return kept!;
        }

        var value = await read(cancellationToken);
        local.Set(entryKey, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
        misses.Add(1, tag);
        return value;
    }

    public void Dispose() => local.Dispose();

    private async Task RemoveByTagAsync(string tag)
    {
        try
        {
            await cache.RemoveByTagAsync(tag);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // This replica's own entries are already dropped; Redis loses its copies when it goes down.
            errors.Add(1);
        }
    }

    private static bool IsRedisFailure(Exception ex) =>
        ex is RedisException or RedisTimeoutException || ex.InnerException is RedisException or RedisTimeoutException;

    /// <summary>Drops everything tagged <paramref name="tag"/>, here and on every other replica.</summary>
    public void Invalidate(string tag) => bus.Publish(new CacheTagDropped { Tag = tag });
}
