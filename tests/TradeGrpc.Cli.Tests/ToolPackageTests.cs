using System.Diagnostics;
using System.Runtime.InteropServices;
using TradeGrpc.Testing;

namespace TradeGrpc.Cli.Tests;

public sealed class ToolPackageTests
{
    [Fact]
    public async Task Pack_InstalledWithDotnetToolFromAFolder_RunsAsTradegrpc()
    {
        using var folder = new TempDirectory();
        var feed = Path.Combine(folder.Path, "feed");
        var tools = Path.Combine(folder.Path, "tools");
        // Packs what the tests were built from: bin/<configuration>/net10.0 of this project.
        var configuration = Directory.GetParent(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory))!.Name;
        var project = Path.Combine(RepositoryRoot(), "clients", "TradeGrpc.Cli", "TradeGrpc.Cli.csproj");

        var pack = await RunAsync(null, "dotnet", "pack", project, "--configuration", configuration, "--no-build", "--output", feed);
        // A package cache of its own: the user's may hold an older TradeGrpc.Cli of the same version.
        var install = await RunAsync(Path.Combine(folder.Path, "packages"), "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "TradeGrpc.Cli");
        var help = await RunAsync(null, Path.Combine(tools, "tradegrpc"), "--help");

        Assert.True(pack.ExitCode == 0, pack.Output);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("tradegrpc", help.Output, StringComparison.Ordinal);
        Assert.Contains("deal-impact", help.Output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "TradeGrpc.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("TradeGrpc.sln is not above the test binaries.");
        }

        return directory.FullName;
    }

    /// <param name="packages">The NuGet package cache to use, when not the user's.</param>
    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments.</param>
    private static async Task<(int ExitCode, string Output)> RunAsync(string? packages, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tool's launcher finds the runtime this test runs on, wherever it is installed.
        start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
