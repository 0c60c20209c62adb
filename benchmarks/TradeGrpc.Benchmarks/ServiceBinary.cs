namespace TradeGrpc.Benchmarks;

/// <summary>Finds the tariff service binary built beside this benchmark: same configuration, same target framework.</summary>
internal static class ServiceBinary
{
    public static string Locate(string? given)
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

        var dll = root is null ? null : Path.Combine(root.FullName, "services", "TradeGrpc.Tariff", "bin", configuration, output.Name, "TradeGrpc.Tariff.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"no service binary at {dll ?? "(no TradeGrpc.sln above the benchmark)"}; give one with --service");
    }
}
