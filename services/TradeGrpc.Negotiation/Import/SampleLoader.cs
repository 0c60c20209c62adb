using TradeGrpc.Negotiation.Data;
using TradeGrpc.Storage;

namespace TradeGrpc.Negotiation.Import;

/// <summary>On first start (an empty store), replays the sample talks named by <c>Sample:File</c>, if any.</summary>
public sealed partial class SampleLoader(INegotiationStore store, IStoreSetupLock setupLock, TalksScript script, IConfiguration configuration,
    ILogger<SampleLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = configuration["Sample:File"];
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        // Replicas starting together on a new store replay the sample once.
        await using var setup = await setupLock.AcquireSetupLockAsync(cancellationToken);
        if ((await store.ListAsync(null, 1, cancellationToken)).Count > 0)
        {
            return;
        }

        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        LogLoading(logger, path);
        var steps = await script.RunAsync(path, cancellationToken);
        LogLoaded(logger, steps);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the sample talks from {File}...")]
    private static partial void LogLoading(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample talks loaded: {Steps} calls replayed")]
    private static partial void LogLoaded(ILogger logger, int steps);
}
