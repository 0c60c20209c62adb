using System.IO.Compression;
using Microsoft.Extensions.Options;

namespace TradeGrpc.Tariff.Import;

/// <summary>Where the data files shipped with the service are (section <c>TariffData</c>).</summary>
public sealed class TariffDataOptions
{
    public const string Section = "TariffData";

    /// <summary>The folder of the bundled data; <c>data</c> beside the binary unless set.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "data");
}

/// <summary>The data files shipped with the service.</summary>
public sealed class BundledData(IOptions<TariffDataOptions> options)
{
    public string Directory { get; } = options.Value.Directory;

    /// <summary>The newest USITC annual tariff database file, plain or gzip-compressed.</summary>
    public string TariffDatabaseFile() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "usitc"), "tariff_database_*.csv*")
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault()
        ?? throw new FileNotFoundException($"No tariff_database_*.csv file under {Path.Combine(Directory, "usitc")}.");

    /// <summary>China's applied tariffs on US goods by 6-digit code, plain or gzip-compressed.</summary>
    public string ChinaAppliedTariffsFile() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "china"), "applied_tariffs_on_us_goods_hs6.csv*").FirstOrDefault()
        ?? throw new FileNotFoundException($"No applied_tariffs_on_us_goods_hs6.csv file under {Path.Combine(Directory, "china")}.");

    public static Stream OpenMaybeCompressed(string file)
    {
        var stream = File.OpenRead(file);
        return file.EndsWith(".gz", StringComparison.Ordinal) ? Decompressed(stream) : stream;
    }

    /// <summary>The gzip-compressed <paramref name="stream"/> read as what it holds.</summary>
    public static Stream Decompressed(Stream stream) => new GZipStream(stream, CompressionMode.Decompress);
}
