using System.CommandLine;
using TradeGrpc.DevAuth;

namespace TradeGrpc.Cli;

/// <summary>token: a development token, signed with the key ./run.sh made; never for production.</summary>
public sealed partial class TradeCli
{
    private Command TokenCommand()
    {
        var roles = new Argument<string>("roles") { Description = "ROLE[,ROLE...]: analyst importer exporter ustr bis negotiator official auditor (README, Who may call what)" };
        var folder = new Option<DirectoryInfo>("--folder") { Description = "The development credentials' folder", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".data", "dev")) };
        var subject = new Option<string>("--sub") { Description = "The subject (default: the first role)" };
        var organisation = new Option<string>("--org") { Description = "The caller's organisation" };
        var party = new Option<string>("--party") { Description = "The party a negotiator speaks for: US" };
        var hours = new Option<double>("--hours") { Description = "Valid for this long", DefaultValueFactory = _ => 12 };
        var command = new Command("token", "A development token signed with the key in --folder (made by ./run.sh), printed for TRADEGRPC_TOKEN")
        {
            roles, folder, subject, organisation, party, hours,
        };
        return Handle(command, async (session, parse, _) =>
        {
            var dev = parse.GetRequiredValue(folder);
            if (!File.Exists(Path.Combine(dev.FullName, "signing.key")))
            {
                throw new CliException($"no development signing key in {dev.FullName}: start ./run.sh once, or give --folder");
            }

            var granted = parse.GetRequiredValue(roles).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (granted.Length == 0)
            {
                throw new CliException("name at least one role");
            }

            var token = DevAuthority.Open(dev.FullName).Token(parse.GetValue(subject) ?? granted[0], granted,
                parse.GetValue(organisation) ?? "", parse.GetValue(party) ?? "", TimeSpan.FromHours(parse.GetValue(hours)));
            await session.Io.Out.WriteLineAsync(session.Json ? System.Text.Json.JsonSerializer.Serialize(new { token }) : token);
        });
    }
}
