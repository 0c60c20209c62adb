namespace TradeGrpc.Benchmarks;

/// <summary>Finds a service binary built beside this benchmark: same configuration, same target framework.</summary>
internal static class ServiceBinary
{
    /// <param name="given">The path the command line gave, if any.</param>
    /// <param name="service">The service: <c>Tariff</c> or <c>Negotiation</c>.</param>
    public static string Locate(string? given, string service = "Tariff")
    {
        if (given is not null)
        {
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"no service binary at {given}");
        }

        // bin/<configuration>/<framework>/ of this project.
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TradeGrpc.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "services", $"TradeGrpc.{service}", "bin", configuration, output.Name, $"TradeGrpc.{service}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"no service binary at {dll ?? "(no TradeGrpc.sln above the benchmark)"}; give one with --service");
    }
}
