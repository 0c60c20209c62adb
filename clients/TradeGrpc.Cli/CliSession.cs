using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Rendering;
using TradeGrpc.Client;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Cli;

/// <summary>One command's run: its clients, made on first use from the settings, and how it prints.</summary>
internal sealed class CliSession(CliConsole io, bool json, Func<CliSettings> settings) : IAsyncDisposable
{
    private static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default.WithIndentation());

    private ServiceProvider? services;

    public CliConsole Io => io;

    /// <summary>True with <c>--json</c>: print messages as JSON, and no tables or progress.</summary>
    public bool Json => json;

    public TariffService.TariffServiceClient Tariff => Client<TariffService.TariffServiceClient>();

    public MeasureService.MeasureServiceClient Measures => Client<MeasureService.MeasureServiceClient>();

    public NegotiationService.NegotiationServiceClient Negotiations => Client<NegotiationService.NegotiationServiceClient>();

    /// <summary>Prints <paramref name="message"/> as JSON with <c>--json</c>, else what <paramref name="render"/> makes of it.</summary>
    public void Print<T>(T message, Func<T, IEnumerable<IRenderable>> render)
        where T : IMessage
    {
        if (json)
        {
            io.Out.WriteLine(Indented.Format(message));
            return;
        }

        foreach (var part in render(message))
        {
            io.Console.Write(part);
        }
    }

    /// <summary>Prints <paramref name="message"/> as one line of JSON: what a stream prints, one line per message (NDJSON).</summary>
    public void PrintLine(IMessage message) => io.Out.WriteLine(JsonFormatter.Default.Format(message));

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    private T Client<T>()
        where T : class
    {
        if (services is null)
        {
            var (tariff, negotiation, token) = settings();
            var provider = token is null ? null : new Func<CancellationToken, ValueTask<string>>(_ => ValueTask.FromResult(token));
            var collection = new ServiceCollection();
            collection.AddTariffClients(o =>
            {
                o.Address = tariff;
                o.TokenProvider = provider;
            });
            collection.AddNegotiationClient(o =>
            {
                o.Address = negotiation;
                o.TokenProvider = provider;
            });
            services = collection.BuildServiceProvider();
        }

        return services.GetRequiredService<T>();
    }
}
