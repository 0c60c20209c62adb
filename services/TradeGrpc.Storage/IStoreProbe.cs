namespace TradeGrpc.Storage;

/// <summary>Tells whether a service's store answers; health reports NOT_SERVING while it does not.</summary>
public interface IStoreProbe
{
    Task ProbeAsync(CancellationToken cancellationToken);
}
