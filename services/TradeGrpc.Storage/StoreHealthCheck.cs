using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradeGrpc.Storage;

/// <summary>Healthy while the service's store answers a query.</summary>
public sealed class StoreHealthCheck(IStoreProbe store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
