using TradeGrpc.Client;

namespace TradeGrpc.Negotiation.Tariffs;

/// <summary>Where the negotiation service reaches the tariff service (section <c>Tariff</c>).</summary>
public sealed class TariffOptions
{
    public const string Section = "Tariff";

    /// <summary>One address, or <c>dns:///host:port</c> to balance over what the name resolves to.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:5101");

    /// <summary>Several tariff replicas, balanced round robin, in place of <see cref="Address"/>.</summary>
    public IList<Uri> Addresses { get; } = [];

    /// <summary>The deadline of a call to the tariff service when the incoming call has none.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public void Configure(TradeClientOptions client)
    {
        foreach (var replica in Addresses)
        {
            client.Addresses.Add(replica);
        }

        client.Address = client.Addresses.Count > 0 ? null : Address;
        client.DefaultDeadline = DefaultDeadline;
    }
}
