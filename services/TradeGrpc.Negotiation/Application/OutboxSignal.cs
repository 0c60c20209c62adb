namespace TradeGrpc.Negotiation.Application;

/// <summary>Wakes the relay as soon as something is put in the outbox, instead of at its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the relay will look once, which covers both.
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => signal.Dispose();
}
