namespace TradeGrpc.Tariff.Domain;

/// <summary>The rate book in force: swapped atomically when an import or a change replaces it.</summary>
public sealed class TariffBook
{
    private volatile TariffSchedule schedule = TariffSchedule.Empty;

    public TariffSchedule Schedule => schedule;

    public void Replace(TariffSchedule next) => schedule = next;
}
