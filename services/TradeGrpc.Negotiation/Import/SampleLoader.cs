using Microsoft.Extensions.Options;
using TradeGrpc.Negotiation.Application;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Import;

/// <summary>
/// Brings the store's schema up to date and, on first start (an empty store), replays the sample
/// talks named by <c>Sample:File</c>, if any, before the server takes calls. Replicas starting
/// together on a new store take turns under the setup lock: one migrates and loads, the others
/// find it done.
/// </summary>
public sealed partial class SampleLoader(Database database, ITalksStore store, TalksScript script, IOptions<SampleOptions> options,
    ILogger<SampleLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var setup = await database.AcquireSetupLockAsync(cancellationToken);
        await database.MigrateAsync(typeof(SampleLoader).Assembly, "TradeGrpc.Negotiation.Data.Migrations", logger, cancellationToken);
        if (options.Value.Path is not { } path || (await store.ListAsync(new PageOf(null, 1), cancellationToken)).Count > 0)
        {
            return;
        }

        LogLoading(logger, path);
        var steps = await script.RunAsync(path, cancellationToken);
        LogLoaded(logger, steps);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the sample talks from {File}...")]
    private static partial void LogLoading(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample talks loaded: {Steps} commands replayed")]
    private static partial void LogLoaded(ILogger logger, int steps);
}
