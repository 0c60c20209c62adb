using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using TradeGrpc.Negotiation;
using TradeGrpc.Tariff;
using TradeGrpc.Testing;

namespace TradeGrpc.Client.Tests;

/// <summary>
/// The client packages as a consumer gets them: packed from this build to a folder feed, taken by a
/// plain console app from that feed, and called against both services.
/// </summary>
public sealed class PackageTests
{
    private static readonly string Root = RepositoryRoot(AppContext.BaseDirectory);

    private static readonly string Configuration =
        typeof(PackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private const string ConsoleProgram = """
        using Grpc.Core;
        using Microsoft.Extensions.DependencyInjection;
        using TradeGrpc.Client;
        using TradeGrpc.Negotiation.V1;
        using TradeGrpc.Tariff.V1;

        var token = Environment.GetEnvironmentVariable("TRADEGRPC_TOKEN")!;
        var services = new ServiceCollection();
        services.AddTariffClients(o => { o.Address = new Uri(args[0]); o.TokenProvider = _ => ValueTask.FromResult(token); });
        services.AddNegotiationClient(o => { o.Address = new Uri(args[1]); o.TokenProvider = _ => ValueTask.FromResult(token); });
        await using var provider = services.BuildServiceProvider();
        var tariff = provider.GetRequiredService<TariffService.TariffServiceClient>();
        var talks = provider.GetRequiredService<NegotiationService.NegotiationServiceClient>();

        var quote = await tariff.QuoteDutyAsync(new QuoteDutyRequest
        {
            ImportingCountry = "US",
            EntryDate = new Google.Type.Date { Year = 2018, Month = 9, Day = 1 },
            Lines =
            {
                new QuoteLine
                {
                    HtsCode = "9028.10.00", OriginCountry = "CN",
                    CustomsValue = new Google.Type.Money { CurrencyCode = "USD", Units = 5000 },
                    Quantities = { new Quantity { Unit = "NO", Value = new Google.Type.Decimal { Value = "100" } } },
                },
            },
        });
        Console.WriteLine($"duty {quote.TotalDuty.CurrencyCode} {quote.TotalDuty.Units}");

        await talks.CreateNegotiationAsync(new CreateNegotiationRequest { Negotiation = new Negotiation { Title = "US-Japan trade talks", Parties = { "US", "JP" } } });
        foreach (var negotiation in (await talks.ListNegotiationsAsync(new ListNegotiationsRequest())).Negotiations)
        {
            Console.WriteLine($"negotiation {negotiation.Title}");
        }

        try
        {
            await tariff.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/99999999" });
        }
        catch (RpcException ex)
        {
            Console.WriteLine($"error {ex.StatusCode} {ex.GetErrorInfo()?.Reason}");
        }
        """;

    [Fact]
    public async Task ConsoleApp_TakingThePackedClient_CallsBothServicesWithoutAspNetCore()
    {
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;
        // A version no package cache can hold yet, so that restore takes these packages and not ones packed before.
        var version = $"0.0.0-pack{Guid.NewGuid():N}";
        await Task.WhenAll(
            PackAsync("clients/TradeGrpc.Client/TradeGrpc.Client.csproj", feed, version),
            PackAsync("clients/TradeGrpc.Client.AspNetCore/TradeGrpc.Client.AspNetCore.csproj", feed, version));
        var app = WriteConsoleApp(Path.Combine(work.Path, "app"), feed, version);
        await using var tariffHost = await ServiceHost.StartAsync(TariffApp.Build);
        await using var negotiationHost = await ServiceHost.StartAsync(NegotiationApp.Build);

        await RunAsync(app, "dotnet", "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        var output = await RunAsync(app, "dotnet", Path.Combine(app, "bin", "Release", "net10.0", "App.dll"), tariffHost.Address.ToString(), negotiationHost.Address.ToString());

        // Gas meters of China entered 2018-09-01, 100 at $5,000: 16 cents each + 2.5% is $16 + $125 = $141,
        // list 2's 25% is $1,250; $1,391 in all.
        Assert.Equal(["duty USD 1391", "negotiation US-Japan trade talks", "error NotFound TARIFF_LINE_NOT_FOUND"], output);
        var assets = await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json"));
        Assert.DoesNotContain("Microsoft.AspNetCore.App", assets, StringComparison.Ordinal);
        Assert.DoesNotContain("Grpc.AspNetCore.Server", assets, StringComparison.Ordinal);
        Assert.Contains($"\"TradeGrpc.Client/{version}\"", assets, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_ClientPackages_CarryLicenceRepositoryReadmeAndSymbols()
    {
        using var work = new TempDirectory();
        const string version = "0.0.0-metadata";
        await Task.WhenAll(
            PackAsync("clients/TradeGrpc.Client/TradeGrpc.Client.csproj", work.Path, version),
            PackAsync("clients/TradeGrpc.Client.AspNetCore/TradeGrpc.Client.AspNetCore.csproj", work.Path, version));

        foreach (var id in new[] { "TradeGrpc.Client", "TradeGrpc.Client.AspNetCore" })
        {
            using var package = ZipFile.OpenRead(Path.Combine(work.Path, $"{id}.{version}.nupkg"));
            using var nuspecStream = package.GetEntry($"{id}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal(("MIT", "https://github.com/tradegrpc/tradegrpc", "README.md"), (Value("license"), Value("projectUrl"), Value("readme")));
            Assert.Equal("https://github.com/tradegrpc/tradegrpc", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")?.Value);
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.True(File.Exists(Path.Combine(work.Path, $"{id}.{version}.snupkg")), $"{id} has no symbols package");
        }
    }

    private static Task<string[]> PackAsync(string project, string feed, string version) =>
        RunAsync(Root, "dotnet", "pack", project, "-c", Configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}");

    private static string WriteConsoleApp(string folder, string feed, string version)
    {
        Directory.CreateDirectory(folder);
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // TradeGrpc packages come from the feed only; the rest from nuget.org, or the machine's package cache when it holds them (then offline).
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="TradeGrpc.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(folder, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RestorePackagesPath>packages</RestorePackagesPath>
                <RestoreFallbackFolders>{globalPackages}</RestoreFallbackFolders>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TradeGrpc.Client" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), ConsoleProgram);
        return folder;
    }

    /// <summary>Runs a command to its end and gives its output lines; fails with its output when it exits with an error.</summary>
    private static async Task<string[]> RunAsync(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["TRADEGRPC_TOKEN"] = TestAuthority.Superuser,
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // No build server outlives the build holding this process's output pipes open.
                ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            },
        };
        // What `dotnet test` set for its own MSBuild would point a build of another project at it.
        foreach (var inherited in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return lines;
    }

    private static string RepositoryRoot(string from) =>
        File.Exists(Path.Combine(from, "TradeGrpc.sln")) ? from
            : RepositoryRoot(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(from)) ?? throw new InvalidOperationException("TradeGrpc.sln is not above the tests."));
}
