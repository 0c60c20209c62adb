using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradeGrpc.Storage;

/// <summary>
/// Whether the store answers, from a probe at most <see cref="Freshness"/> old: a storm of health
/// checks (a load balancer's, a benchmark's) costs the store one query a second, however many
/// there are, and checks that arrive while a probe is under way share it. A store that stops
/// answering shows within a second and the probe's own timeout.
/// </summary>
public sealed class StoreHealthCheck(Database database, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly Lock gate = new();
    private (DateTimeOffset At, Task<HealthCheckResult> Probe)? last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (last is not { } known || (known.Probe.IsCompleted && now - known.At >= Freshness))
            {
                last = (now, ProbeAsync());
            }

            return last.Value.Probe.WaitAsync(cancellationToken);
        }
    }

    // Not the caller's cancellation: the probe is shared, and one caller leaving must not fail it for the others.
    private async Task<HealthCheckResult> ProbeAsync()
    {
        try
        {
            await database.ProbeAsync(CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
