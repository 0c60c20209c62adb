using TradeGrpc.Tariff.Import;

namespace TradeGrpc.Tariff.Domain.Tests;

/// <summary>The USITC file the service ships with, as the tests read it.</summary>
internal static class BundledSchedule
{
    private static readonly Lazy<IReadOnlyList<TariffLineRecord>> Read = new(() =>
    {
        using var stream = Open();
        return UsitcTariffDatabaseReader.Read(stream).Lines;
    });

    /// <summary>Its rows as the service's reader takes them, read once.</summary>
    public static IReadOnlyList<TariffLineRecord> Lines => Read.Value;

    /// <summary>The file itself, decompressed.</summary>
    public static Stream Open() =>
        BundledData.OpenMaybeCompressed(new BundledData(Microsoft.Extensions.Options.Options.Create(new TariffDataOptions())).TariffDatabaseFile());
}
