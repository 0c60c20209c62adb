using TradeGrpc.Negotiation;
using TradeGrpc.ServiceDefaults.Health;

if (args is ["healthcheck", var address])
{
    return await HealthProbe.RunAsync(address);
}

await NegotiationApp.Build(args).RunAsync();
return 0;
