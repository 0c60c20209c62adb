using System.Text.Json;

namespace TradeGrpc.Cli;

/// <summary>
/// Where the services are and the token to call them with. Each setting comes from its option,
/// else its environment variable, else the config file, else the address <c>./run.sh</c> serves on.
/// </summary>
internal sealed record CliSettings(Uri Tariff, Uri Negotiation, string? Token)
{
    public static readonly Uri DefaultTariff = new("http://127.0.0.1:5101");

    public static readonly Uri DefaultNegotiation = new("http://127.0.0.1:5102");

    private static readonly JsonSerializerOptions FileOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <param name="tariff">The --tariff option, if given.</param>
    /// <param name="negotiation">The --negotiation option, if given.</param>
    /// <param name="token">The --token option, if given.</param>
    /// <param name="configFile">The --config option, if given: a file that must exist.</param>
    /// <param name="environment">Reads an environment variable.</param>
    public static CliSettings Resolve(string? tariff, string? negotiation, string? token, string? configFile, Func<string, string?> environment)
    {
        var file = ReadFile(configFile ?? environment("TRADEGRPC_CONFIG"), environment);
        return new CliSettings(
            Address(tariff ?? environment("TRADEGRPC_TARIFF") ?? file.Tariff, DefaultTariff),
            Address(negotiation ?? environment("TRADEGRPC_NEGOTIATION") ?? file.Negotiation, DefaultNegotiation),
            NonEmpty(token) ?? NonEmpty(environment("TRADEGRPC_TOKEN")) ?? NonEmpty(file.Token));
    }

    /// <summary>The file named, which must exist, or else the user's config file if there is one.</summary>
    private static ConfigFile ReadFile(string? named, Func<string, string?> environment)
    {
        var path = NonEmpty(named);
        if (path is null)
        {
            var home = NonEmpty(environment("XDG_CONFIG_HOME")) ?? (NonEmpty(environment("HOME")) is { } h ? Path.Combine(h, ".config") : null);
            path = home is null ? null : Path.Combine(home, "tradegrpc", "config.json");
            if (path is null || !File.Exists(path))
            {
                return new ConfigFile();
            }
        }
        else if (!File.Exists(path))
        {
            throw new CliException($"config file {path} does not exist");
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), FileOptions) ?? new ConfigFile();
        }
        catch (JsonException ex)
        {
            throw new CliException($"config file {path} is not valid JSON: {ex.Message}");
        }
    }

    private static Uri Address(string? text, Uri fallback) =>
        NonEmpty(text) is not { } given ? fallback
        : Uri.TryCreate(given.Contains("://", StringComparison.Ordinal) ? given : "http://" + given, UriKind.Absolute, out var uri) ? uri
        : throw new CliException($"'{given}' is not an address such as http://127.0.0.1:5101");

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The config file: <c>{"tariff": "http://...", "negotiation": "http://...", "token": "..."}</c>, each optional.</summary>
    private sealed record ConfigFile(string? Tariff = null, string? Negotiation = null, string? Token = null);
}

/// <summary>A mistake in what the user asked for, reported as it is, with exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
