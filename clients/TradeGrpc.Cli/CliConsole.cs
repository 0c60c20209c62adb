using Spectre.Console;

namespace TradeGrpc.Cli;

/// <summary>
/// Where a run of the command-line client writes and what it reads from its environment: the
/// process's own in <c>Program.cs</c>, writers and a dictionary in tests.
/// </summary>
/// <param name="Out">Plain output: JSON with <c>--json</c>, and tokens.</param>
/// <param name="Error">Errors and notes on what is happening.</param>
/// <param name="Console">Tables, on the same stream as <paramref name="Out"/>.</param>
/// <param name="ErrorConsole">Progress bars, on the same stream as <paramref name="Error"/>, so that output can be piped.</param>
/// <param name="Environment">Reads an environment variable; null when it is not set.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole Console, IAnsiConsole ErrorConsole, Func<string, string?> Environment);
