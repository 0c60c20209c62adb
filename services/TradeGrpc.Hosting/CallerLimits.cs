using System.Threading.RateLimiting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using TradeGrpc.Errors;
using TradeGrpc.Identity;

namespace TradeGrpc.Hosting;

/// <summary>
/// What one caller may do at once: a token bucket of calls (<c>Limits:CallsPerSecondPerCaller</c>,
/// bursts of <c>Limits:CallBurstPerCaller</c>) and a number of open watches
/// (<c>Limits:WatchesPerCaller</c>). A caller is a token's subject, or the address of a caller
/// without credentials (health, reflection). Services calling with their client certificate are
/// not limited here: they call for their own callers, whom they limit.
/// </summary>
public sealed class CallerLimits : IDisposable
{
    // The bucket is refilled by a second's calls once a second: exact for any rate, however low.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly LimitsOptions options;
    private readonly PartitionedRateLimiter<CallerKey> calls;
    private readonly PartitionedRateLimiter<CallerKey> watches;

    public CallerLimits(IOptions<LimitsOptions> limits)
    {
        options = limits.Value;
        calls = PartitionedRateLimiter.Create<CallerKey, CallerKey>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.CallBurstPerCaller, TokensPerPeriod = options.CallsPerSecondPerCaller, ReplenishmentPeriod = Period, QueueLimit = 0, AutoReplenishment = true,
        }));
        watches = PartitionedRateLimiter.Create<CallerKey, CallerKey>(caller => RateLimitPartition.GetConcurrencyLimiter(caller, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = options.WatchesPerCaller, QueueLimit = 0,
        }));
    }

    /// <summary>Counts a call against its caller; RESOURCE_EXHAUSTED with the wait when the caller has none left.</summary>
    public void Admit(ServerCallContext context)
    {
        if (CallerOf(context) is not { } caller)
        {
            return;
        }

        using var lease = calls.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : Period;
            throw new ResourceExhaustedException("RATE_LIMITED",
                $"More than {options.CallsPerSecondPerCaller} calls a second (in bursts of up to {options.CallBurstPerCaller}) from one caller; try again in {wait.TotalMilliseconds:0} ms.", wait);
        }
    }

    /// <summary>Holds one of the caller's watches until disposed; RESOURCE_EXHAUSTED when all are open.</summary>
    public IDisposable OpenWatch(ServerCallContext context)
    {
        if (CallerOf(context) is not { } caller)
        {
            return NoLease.Instance;
        }

        var lease = watches.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new ResourceExhaustedException("TOO_MANY_WATCHES",
                $"One caller may have {options.WatchesPerCaller} watches open at once; close one, or try again when one ends.", TimeSpan.FromSeconds(1));
        }

        return lease;
    }

    public void Dispose()
    {
        calls.Dispose();
        watches.Dispose();
    }

    private static CallerKey? CallerOf(ServerCallContext context) => Caller.Current.Actor switch
    {
        { Credential: CredentialKind.Token } actor => new CallerKey(CredentialKind.Token, actor.Subject),
        { Credential: CredentialKind.None } => new CallerKey(CredentialKind.None, context.GetHttpContext().Connection.RemoteIpAddress?.ToString() ?? ""),
        // A service with its certificate, or the host's own work (and a benchmark's baseline host, which checks no caller).
        _ => null,
    };

    /// <summary>Whom a limit counts: a token's subject, or the address of a caller without credentials.</summary>
    private readonly record struct CallerKey(CredentialKind Credential, string Id);

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
            // Nothing was held.
        }
    }
}

/// <summary>Applies <see cref="CallerLimits"/> to every call, once its caller is known.</summary>
public sealed class CallerLimitsInterceptor(CallerLimits limits) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        limits.Admit(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        limits.Admit(context);
        return continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        limits.Admit(context);
        using var watch = limits.OpenWatch(context);
        await continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        limits.Admit(context);
        return continuation(requestStream, responseStream, context);
    }
}
