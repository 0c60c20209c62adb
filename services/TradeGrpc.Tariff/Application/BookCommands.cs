using TradeGrpc.Commands;

namespace TradeGrpc.Tariff.Application;

/// <summary>
/// Runs every change of the tariff book through the <see cref="CommandPipeline"/>: one write
/// transaction, the request_id with it, and after the commit <see cref="BookNews"/>.
/// </summary>
public sealed class BookCommands(CommandPipeline pipeline, IBookStore store, BookNews news, TimeProvider clock)
{
    public TimeProvider Clock => clock;

    public Task<T> RunAsync<T>(string requestId, object command, Func<IBookTransaction, DateTimeOffset, CancellationToken, Task<Change<T, BookChange>>> act,
        Func<string, CancellationToken, Task<T>>? replay, CancellationToken cancellationToken) =>
        pipeline.RunAsync(store, requestId, command, (transaction, token) => act(transaction, clock.GetUtcNow(), token), replay, news.Publish, cancellationToken);
}
