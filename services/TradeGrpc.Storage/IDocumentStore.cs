namespace TradeGrpc.Storage;

/// <summary>The request_id of a command, the resource it changed, and the fingerprint of the request.</summary>
public sealed record CommandRequest(string RequestId, string Resource, string Fingerprint);

public enum SaveOutcome
{
    Saved,
    /// <summary>The stored version is not the one the change was based on.</summary>
    VersionConflict,
    /// <summary>A document with the id exists already.</summary>
    DuplicateId,
}

/// <summary>The request_ids of the commands a store has recorded.</summary>
public interface IRequestLog
{
    Task<CommandRequest?> FindRequestAsync(string requestId, CancellationToken cancellationToken);
}

/// <summary>Documents of a kind (measures, exclusions) stored whole with a version.</summary>
public interface IDocumentStore : IRequestLog
{
    Task<IReadOnlyList<T>> LoadAllAsync<T>(string kind, CancellationToken cancellationToken);

    Task<T?> GetAsync<T>(string kind, string id, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Inserts (<paramref name="expectedVersion"/> 0) or replaces the document if its stored
    /// version is <paramref name="expectedVersion"/>, and records <paramref name="request"/>, in one transaction.
    /// </summary>
    Task<SaveOutcome> SaveAsync<T>(string kind, string id, T document, long version, long expectedVersion, CommandRequest? request, CancellationToken cancellationToken);

    /// <summary>
    /// The sum of the versions of the documents of each kind. It grows with every insert and
    /// every change, so a replica that remembers it can tell whether it missed one.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> RevisionsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts many documents in one transaction (first-start seeding).</summary>
    Task InsertManyAsync<T>(string kind, IEnumerable<(string Id, T Document)> documents, CancellationToken cancellationToken);
}
