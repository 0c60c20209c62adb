namespace TradeGrpc.Commands;

/// <summary>The request_id of a command, the resource it named, and the fingerprint of what it asked.</summary>
public sealed record RecordedRequest(string RequestId, string Resource, string Fingerprint);

/// <summary>The request_ids a store has recorded.</summary>
public interface IRequestLog
{
    Task<RecordedRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken);
}

/// <summary>
/// One write transaction of a store: a command reads what its rules need and writes its change
/// through a store's own transaction type, and the pipeline records the request in it and commits.
/// </summary>
public interface ICommandTransaction : IAsyncDisposable
{
    /// <summary>Records the request with the change; <see cref="DuplicateRequestException"/> when its request_id is recorded already.</summary>
    Task RecordRequestAsync(RecordedRequest request, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>Begins write transactions of one store.</summary>
public interface ICommandStore<TTransaction> : IRequestLog
    where TTransaction : ICommandTransaction
{
    Task<TTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>A request_id recorded already, found by the store's unique key as a transaction recorded it.</summary>
public sealed class DuplicateRequestException(string requestId) : Exception($"request_id {requestId} is recorded already.");

/// <summary>The store gave up a transaction because another one wrote the same rows at the same time; the command may run again.</summary>
public sealed class WriteConflictException(string message, Exception inner) : Exception(message, inner);
