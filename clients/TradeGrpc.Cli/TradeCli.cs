using System.CommandLine;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using TradeGrpc.Client;

namespace TradeGrpc.Cli;

/// <summary>
/// The <c>tradegrpc</c> command line: one instance per run, so that runs in one process (tests)
/// share nothing. Each command group is a part of this class in a file of its own.
/// </summary>
public sealed partial class TradeCli
{
    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor)));

    private readonly CliConsole io;

    private readonly Option<bool> json = new("--json") { Description = "Print the answer as JSON (protobuf's JSON mapping), and errors as a google.rpc.Status", Recursive = true };

    private readonly Option<string> tariffAddress = new("--tariff") { Description = "The tariff service's gRPC address [env TRADEGRPC_TARIFF; default http://127.0.0.1:5101]", Recursive = true };

    private readonly Option<string> negotiationAddress = new("--negotiation") { Description = "The negotiation service's gRPC address [env TRADEGRPC_NEGOTIATION; default http://127.0.0.1:5102]", Recursive = true };

    private readonly Option<string> token = new("--token") { Description = "The bearer token to call with [env TRADEGRPC_TOKEN]", Recursive = true };

    private readonly Option<string> config = new("--config") { Description = "A JSON file with \"tariff\", \"negotiation\" and \"token\" [env TRADEGRPC_CONFIG; default ~/.config/tradegrpc/config.json]", Recursive = true };

    private TradeCli(CliConsole io) => this.io = io;

    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code: 0, the gRPC status code of a failed call, or 1 for a command it cannot run.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole io, CancellationToken cancellationToken = default) =>
        new TradeCli(io).Root().Parse(args).InvokeAsync(new InvocationConfiguration { Output = io.Out, Error = io.Error }, cancellationToken);

    private RootCommand Root()
    {
        var root = new RootCommand("tradegrpc: the TradeGrpc tariff and negotiation services from the command line.")
        {
            json, tariffAddress, negotiationAddress, token, config,
        };
        foreach (var command in TariffCommands().Concat(ExclusionCommands()).Concat(NegotiationCommands()).Append(TokenCommand()))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="action"/> with a session on the
    /// settings of this run, turning a failed call into its exit code and its error on stderr.
    /// </summary>
    private Command Handle(Command command, Func<CliSession, ParseResult, CancellationToken, Task> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            try
            {
                await using var session = new CliSession(io, asJson, () => CliSettings.Resolve(
                    parse.GetValue(tariffAddress), parse.GetValue(negotiationAddress), parse.GetValue(token), parse.GetValue(config), io.Environment));
                await action(session, parse, cancellationToken);
                return 0;
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
            {
                Report(ex, asJson);
                return (int)ex.StatusCode;
            }
            catch (CliException ex)
            {
                await io.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RpcException)
            {
                // Interrupted (Ctrl-C): the shell's convention for SIGINT.
                return 130;
            }
        });
        return command;
    }

    /// <summary>The error as the service gave it: its status, reason and message, and each field or precondition it names.</summary>
    private void Report(RpcException ex, bool asJson)
    {
        var status = ex.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)ex.StatusCode, Message = ex.Status.Detail };
        if (asJson)
        {
            io.Error.WriteLine(StatusJson.Format(status));
            return;
        }

        var reason = ex.GetErrorInfo()?.Reason;
        io.Error.WriteLine($"error: {CodeName(ex.StatusCode)}{(reason is null ? "" : $" {reason}")}: {status.Message}");
        // Each field and precondition the message does not already name, on a line of its own.
        var details = (ex.GetBadRequest()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}") ?? [])
            .Concat(ex.GetPreconditionFailure()?.Violations.Select(v => $"{v.Type} {v.Subject}: {v.Description}") ?? []);
        foreach (var detail in details.Where(d => !status.Message.Contains(d, StringComparison.Ordinal)))
        {
            io.Error.WriteLine($"  {detail}");
        }
    }

    /// <summary>A status code as gRPC spells it: NOT_FOUND, INVALID_ARGUMENT.</summary>
    private static string CodeName(StatusCode code) => Formats.Show(code).Replace('-', '_').ToUpperInvariant();
}
