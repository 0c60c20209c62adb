using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
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
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "Tariff:DefaultDeadline must be from 1 ms to 10 minutes.")]
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

[OptionsValidator]
public sealed partial class TariffOptionsValidator : IValidateOptions<TariffOptions>;
