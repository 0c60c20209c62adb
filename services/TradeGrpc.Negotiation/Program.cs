using TradeGrpc.Hosting;
using TradeGrpc.Negotiation;

if (args is ["healthcheck", var address])
{
    return await HealthProbe.RunAsync(address);
}

await NegotiationApp.Build(args).RunAsync();
return 0;
