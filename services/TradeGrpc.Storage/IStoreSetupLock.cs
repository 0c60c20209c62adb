namespace TradeGrpc.Storage;

/// <summary>
/// Serialises first-start work (schema migrations, loading bundled data) among the replicas that
/// share a store: replicas starting together on a new store load it once, and the others find it
/// loaded. A replica that dies holding the lock releases it with its connection or process.
/// </summary>
public interface IStoreSetupLock
{
    /// <summary>Waits until no other replica holds the lock and takes it; disposing the result releases it.</summary>
    Task<IAsyncDisposable> AcquireSetupLockAsync(CancellationToken cancellationToken);
}
