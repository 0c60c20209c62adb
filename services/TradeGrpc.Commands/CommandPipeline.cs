using Microsoft.Extensions.Logging;
using TradeGrpc.Errors;

namespace TradeGrpc.Commands;

/// <summary>What a command did: its result, the resource it names (recorded with its request_id), and what to tell others once it is committed.</summary>
public sealed record Change<TResult, TNews>(TResult Result, string Resource, TNews News);

/// <summary>
/// Runs every command of a service the same way. A command with a request_id that is recorded
/// already is not run again: the same command gets the resource as it is now, another command
/// with that request_id is ALREADY_EXISTS. Otherwise the command runs in one write transaction of
/// its store (it loads what its rules need, acts, and writes its change), its request_id is
/// recorded in that transaction, and only after the commit is its news passed on, once. A
/// transaction the store gave up for a concurrent write is run again; the caller's cancellation
/// reaches every store call.
/// </summary>
public sealed partial class CommandPipeline(ILogger<CommandPipeline> logger)
{
    private const int MaxAttempts = 5;

    /// <param name="store">The store the command writes to.</param>
    /// <param name="requestId">The command's request_id; empty when it has none.</param>
    /// <param name="command">What the command asks, fingerprinted to tell a retry from reuse.</param>
    /// <param name="act">Loads, acts and writes within the transaction.</param>
    /// <param name="replay">The result of a retried command: the resource it named, as it is now. Needed only with a request_id.</param>
    /// <param name="committed">The one step after the commit: invalidate caches, wake watchers, tell other replicas.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public async Task<TResult> RunAsync<TTransaction, TResult, TNews>(
        ICommandStore<TTransaction> store,
        string requestId,
        object command,
        Func<TTransaction, CancellationToken, Task<Change<TResult, TNews>>> act,
        Func<string, CancellationToken, Task<TResult>>? replay,
        Action<TNews> committed,
        CancellationToken cancellationToken)
        where TTransaction : ICommandTransaction
    {
        var fingerprint = requestId.Length > 0 ? RequestFingerprint.Of(command) : "";
        if (await ReplayAsync(store, requestId, fingerprint, replay, cancellationToken) is (true, var earlier))
        {
            return earlier;
        }

        for (var attempt = 1; ; attempt++)
        {
            Change<TResult, TNews> change;
            try
            {
                await using var transaction = await store.BeginAsync(cancellationToken);
                change = await act(transaction, cancellationToken);
                if (requestId.Length > 0)
                {
                    await transaction.RecordRequestAsync(new RecordedRequest(requestId, change.Resource, fingerprint), cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (DuplicateRequestException)
            {
                // Another replica recorded the same request_id first: answer as a retry of that command.
                return (await ReplayAsync(store, requestId, fingerprint, replay, cancellationToken)).Result;
            }
            catch (WriteConflictException ex) when (attempt < MaxAttempts)
            {
                LogRetry(logger, attempt, ex.Message);
                continue;
            }

            committed(change.News);
            return change.Result;
        }
    }

    private static async Task<(bool Seen, TResult Result)> ReplayAsync<TResult>(
        IRequestLog requests, string requestId, string fingerprint, Func<string, CancellationToken, Task<TResult>>? replay, CancellationToken cancellationToken)
    {
        if (requestId.Length == 0 || await requests.FindRequestAsync(requestId, cancellationToken) is not { } seen)
        {
            return (false, default!);
        }

        return seen.Fingerprint == fingerprint || seen.Fingerprint == RequestFingerprint.Legacy
            ? (true, await replay!(seen.Resource, cancellationToken))
            : throw new AlreadyExistsException("REQUEST_ID_REUSED", seen.Resource,
                $"request_id {requestId} was used for a different request on {seen.Resource}.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A concurrent write took the same rows (attempt {Attempt}); running the command again: {Error}")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);
}
