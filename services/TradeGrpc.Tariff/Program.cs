await TradeGrpc.Tariff.TariffApp.Build(args).RunAsync();
