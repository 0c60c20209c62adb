using Spectre.Console;
using TradeGrpc.Cli;

return await TradeCli.RunAsync(args, new CliConsole(
    Console.Out,
    Console.Error,
    AnsiConsole.Console,
    AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
    Environment.GetEnvironmentVariable));
