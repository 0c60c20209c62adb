using System.Globalization;
using System.Reflection;

namespace TradeGrpc.Storage;

/// <summary>One versioned schema script, embedded as <c>{prefix}.{version:0000}_{name}.sql</c>.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> Find(Assembly assembly, string resourcePrefix)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(resourcePrefix + ".", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[(resourcePrefix.Length + 1)..^4];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration resource {resource} is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new MigrationScript(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }
}
