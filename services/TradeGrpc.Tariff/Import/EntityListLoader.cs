using ProtoValidate;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Data;
using TradeGrpc.Tariff.Domain.ExportControls;
using TradeGrpc.Tariff.Grpc;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Brings the store's schema up to date and, on first start (no entity listed yet), lists the
/// bundled Entity List entries through the same checks and domain call as CreateEntity.
/// </summary>
public sealed partial class EntityListLoader(
    IExportControlStore store, IStoreSetupLock setupLock, ExportLicensing licensing, IValidator validator, BundledData bundled,
    ILogger<EntityListLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Replicas starting together on a new store list the entities once.
        await using var setup = await setupLock.AcquireSetupLockAsync(cancellationToken);
        await store.MigrateAsync(cancellationToken);
        if (await store.CountEntitiesAsync(cancellationToken) > 0)
        {
            return;
        }

        var file = Path.Combine(bundled.Directory, EntityListFile.RelativePath);
        LogFirstStart(logger, file);
        IReadOnlyList<Entity> entities;
        await using (var stream = File.OpenRead(file))
        {
            entities = EntityListFile.Read(stream);
        }

        foreach (var (entity, index) in entities.Select((e, i) => (e, i)))
        {
            var violations = validator.Validate(new CreateEntityRequest { Entity = entity }, false).Violations;
            if (violations.Count > 0)
            {
                throw new InvalidDataException($"{file}: entities[{index}] is not a valid entity: " +
                    string.Join("; ", violations.Select(v => $"{FieldPaths.Format(v.Field)}: {v.Message}")));
            }

            await licensing.CreateEntityAsync(ExportControlMessages.ToListing(entity, "entity"), "", cancellationToken);
        }

        LogLoaded(logger, entities.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the bundled Entity List from {File}...")]
    private static partial void LogFirstStart(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Entity List loaded: {Count} entities listed")]
    private static partial void LogLoaded(ILogger logger, int count);
}
