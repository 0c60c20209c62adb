using TradeGrpc.DevAuth;

// dotnet TradeGrpc.DevAuth.dll init FOLDER [NAME[=OTHER,...] ...]   the signing key, the CA, a certificate for each NAME (and its other host names)
// dotnet TradeGrpc.DevAuth.dll token FOLDER ROLE[,ROLE] [--sub S] [--org O] [--party P] [--hours H]
// dotnet TradeGrpc.DevAuth.dll tokens FOLDER          FOLDER/tokens.env: a 12-hour token for each role, as shell exports
if (args is ["init", var folder, .. var names])
{
    var authority = DevAuthority.Open(folder);
    Console.WriteLine($"signing keys: {authority.JwksFile}");
    Console.WriteLine($"certificate authority: {authority.CaFile}");
    foreach (var entry in names)
    {
        var name = entry.Split('=')[0];
        var (certificate, key) = authority.Certificate(name, entry.Contains('=') ? entry.Split('=')[1].Split(',') : []);
        Console.WriteLine($"{name}: {certificate} {key}");
    }

    return 0;
}

if (args is ["tokens", var exportsFolder])
{
    var authority = DevAuthority.Open(exportsFolder);
    var file = Path.Combine(exportsFolder, "tokens.env");
    File.WriteAllLines(file, Roles.Select(role =>
        $"export {(role == "analyst" ? "TOKEN" : role.ToUpperInvariant())}={authority.Token(role, [role], $"Example {char.ToUpperInvariant(role[0])}{role[1..]}")}")
        .Prepend("# Development tokens, valid 12 hours; TOKEN is the analyst's."));
    Console.WriteLine($"tokens: source {file}");
    return 0;
}

if (args is ["token", var tokenFolder, var roles, .. var rest] && rest.Length % 2 == 0)
{
    var options = Enumerable.Range(0, rest.Length / 2).ToDictionary(i => rest[2 * i], i => rest[(2 * i) + 1]);
    var hours = options.TryGetValue("--hours", out var h) ? double.Parse(h, System.Globalization.CultureInfo.InvariantCulture) : 12;
    Console.WriteLine(DevAuthority.Open(tokenFolder).Token(options.GetValueOrDefault("--sub", roles.Split(',')[0]), roles.Split(','),
        options.GetValueOrDefault("--org", ""), options.GetValueOrDefault("--party", ""), TimeSpan.FromHours(hours)));
    return 0;
}

Console.Error.WriteLine("""
    usage: TradeGrpc.DevAuth init FOLDER [NAME[=OTHER,...] ...]
           TradeGrpc.DevAuth tokens FOLDER
           TradeGrpc.DevAuth token FOLDER ROLE[,ROLE...] [--sub SUBJECT] [--org ORGANISATION] [--party PARTY] [--hours HOURS]
    roles: analyst importer exporter ustr bis negotiator official auditor
    """);
return 2;

internal sealed partial class Program
{
    private static readonly string[] Roles = ["analyst", "importer", "exporter", "ustr", "bis", "negotiator", "official", "auditor"];
}
