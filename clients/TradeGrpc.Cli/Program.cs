using Spectre.Console;
using TradeGrpc.Cli;

// Piped or redirected, a table keeps each row on one line, for grep and friends, rather than wrap at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = short.MaxValue;
}

return await TradeCli.RunAsync(args, new CliConsole(
    Console.Out,
    Console.Error,
    AnsiConsole.Console,
    AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
    Environment.GetEnvironmentVariable));
