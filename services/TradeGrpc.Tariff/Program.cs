using TradeGrpc.Hosting;
using TradeGrpc.Tariff;

if (args is ["healthcheck", var address])
{
    return await HealthProbe.RunAsync(address);
}

await TariffApp.Build(args).RunAsync();
return 0;
