using System.Globalization;

namespace TradeGrpc.Benchmarks;

/// <summary>The 1-minute load average, to tell a quiet machine from a busy one when reading the numbers.</summary>
internal static class MachineLoad
{
    public static string Describe()
    {
        var fields = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ') : [];
        return fields.Length > 0
            ? $"load average {fields[0]} on {Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores"
            : $"{Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores";
    }
}
