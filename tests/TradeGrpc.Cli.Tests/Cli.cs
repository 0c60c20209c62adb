using Spectre.Console;
using TradeGrpc.Testing;

namespace TradeGrpc.Cli.Tests;

/// <summary>Runs <c>tradegrpc</c> in process, as a shell would, against the hosts it is given; captures what it prints.</summary>
internal sealed class Cli(Uri? tariff = null, Uri? negotiation = null, string? token = null)
{
    /// <summary>An address no test host listens on: a command that calls a service it was not given fails rather than reach ./run.sh.</summary>
    private static readonly Uri Nowhere = new("http://127.0.0.1:9");

    private readonly Dictionary<string, string> environment = new()
    {
        ["TRADEGRPC_TARIFF"] = (tariff ?? Nowhere).ToString(),
        ["TRADEGRPC_NEGOTIATION"] = (negotiation ?? Nowhere).ToString(),
        ["TRADEGRPC_TOKEN"] = token ?? TestAuthority.Superuser,
        // No config file of the user who runs the tests.
        ["HOME"] = Path.Combine(Path.GetTempPath(), "tradegrpc-cli-tests-no-home"),
    };

    private bool terminal;

    /// <summary>The same, its output a terminal: progress bars drawn live with ANSI escapes.</summary>
    public Cli OnATerminal()
    {
        var cli = Copy();
        cli.terminal = true;
        return cli;
    }

    /// <summary>The same, with <paramref name="name"/> set to <paramref name="value"/> in its environment, or unset when null.</summary>
    public Cli With(string name, string? value)
    {
        var cli = Copy();
        cli.environment.Remove(name);
        if (value is not null)
        {
            cli.environment[name] = value;
        }

        return cli;
    }

    private Cli Copy()
    {
        var cli = new Cli(tariff, negotiation, token) { terminal = terminal };
        foreach (var (key, setting) in environment)
        {
            cli.environment[key] = setting;
        }

        return cli;
    }

    public static Cli For(ServiceHost? tariff = null, ServiceHost? negotiation = null, string? token = null) =>
        new(tariff?.Address, negotiation?.Address, token);

    public async Task<Run> RunAsync(params string[] args)
    {
        var (run, exit) = Start(args, CancellationToken.None);
        run.ExitCode = await exit;
        return run;
    }

    /// <summary>Starts a command that runs until cancelled (watch); its output can be read while it runs.</summary>
    public (Run Run, Task<int> ExitCode) Start(string[] args, CancellationToken cancellationToken)
    {
        var run = new Run();
        var exit = Task.Run(() => TradeCli.RunAsync(args, new CliConsole(run.Out, run.Error, Console(run.Out), Console(run.Error), environment.GetValueOrDefault), cancellationToken));
        return (run, exit);
    }

    /// <summary>A console as a pipe sees it (no colours, no cursor movement) or as a terminal does; wide enough that no row wraps.</summary>
    private IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = 400;
        return console;
    }

    internal sealed class Run
    {
        public int ExitCode { get; set; }

        public Captured Out { get; } = new();

        public Captured Error { get; } = new();
    }

    /// <summary>A writer that can be read while another thread writes to it.</summary>
    internal sealed class Captured : TextWriter
    {
        private readonly System.Text.StringBuilder text = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (text)
            {
                text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (text)
            {
                text.Append(value);
            }
        }

        public override string ToString() => Text;
    }
}
