using TradeGrpc.Errors;

namespace TradeGrpc.Storage;

/// <summary>A request_id stored already, found by the store's unique key while writing.</summary>
public sealed class DuplicateRequestException(string requestId) : Exception($"request_id {requestId} is stored already.");

/// <summary>
/// Runs the service's writes one at a time, and makes a command with a
/// request_id happen once: a retry with the same request gets the resource as it is now; the
/// same request_id on a different request is ALREADY_EXISTS.
/// </summary>
public sealed class CommandGate(IRequestLog requests) : IDisposable
{
    private readonly SemaphoreSlim writer = new(1, 1);

    /// <param name="requestId">The command's request_id; empty when it has none.</param>
    /// <param name="fingerprint">Fingerprint of the request, to tell a retry from reuse.</param>
    /// <param name="replay">The result of a retried command: the resource it changed, as it is now.</param>
    /// <param name="write">Makes the change and stores it together with the request (<see cref="Record"/>).</param>
    public async Task<T> RunAsync<T>(string requestId, string fingerprint, Func<string, Task<T>> replay, Func<Task<T>> write)
    {
        await writer.WaitAsync();
        try
        {
            if (await ReplayAsync(requestId, fingerprint, replay) is (true, var earlier))
            {
                return earlier;
            }

            try
            {
                return await write();
            }
            catch (DuplicateRequestException)
            {
                // Another replica stored the same request_id first (its unique key stopped this
                // write): answer as a retry of that command.
                return (await ReplayAsync(requestId, fingerprint, replay)).Result;
            }
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task<(bool Seen, T Result)> ReplayAsync<T>(string requestId, string fingerprint, Func<string, Task<T>> replay)
    {
        if (requestId.Length == 0 || await requests.FindRequestAsync(requestId, CancellationToken.None) is not { } seen)
        {
            return (false, default!);
        }

        return seen.Fingerprint == fingerprint
            ? (true, await replay(seen.Resource))
            : throw new AlreadyExistsException("REQUEST_ID_REUSED", seen.Resource,
                $"request_id {requestId} was used for a different request on {seen.Resource}.");
    }

    public void Dispose() => writer.Dispose();

    /// <summary>The request to store with a change; null when the command has no request_id.</summary>
    public static CommandRequest? Record(string requestId, string resource, string fingerprint) =>
        requestId.Length > 0 ? new CommandRequest(requestId, resource, fingerprint) : null;
}
