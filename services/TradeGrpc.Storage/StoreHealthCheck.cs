using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TradeGrpc.Storage;

/// <summary>Healthy while the service's store answers a query.</summary>
public sealed class StoreHealthCheck(Database database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The store does not answer.", ex);
        }
    }
}
