using System.Text.Json;
using System.Text.Json.Serialization;
using TradeGrpc.Commands;
using TradeGrpc.Storage;
using TradeGrpc.Tariff.Application;
using TradeGrpc.Tariff.Domain.China;
using TradeGrpc.Tariff.Domain.ExportControls;

namespace TradeGrpc.Tariff.Import;

/// <summary>
/// Brings the store's schema up to date and, on a new store, loads the bundled data through the
/// application's commands: the USITC schedule, China's applied rates, the measures, the sample
/// exclusions, and the Entity List. Replicas starting together on a new store take turns under the setup lock: one loads, the
/// others find it loaded.
/// </summary>
public sealed partial class FirstStart(Database database, Sender sender, BundledData bundled, TimeProvider clock, ILogger<FirstStart> logger) : IHostedService
{
    /// <summary>The Entity List file: <c>{"entities": [...]}</c>, each an entity's listing in the domain's terms.</summary>
    public const string EntityListFile = "export-controls/entity_list.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // A store these migrations were applied to now was loaded before the schedule kept special rates and the
    // measures country treatments: they are given from the bundled data, once.
    private const string SpecialRatesMigration = "0007_special_rates";
    private const string CountryTreatmentsMigration = "0008_country_treatments";
    private const string BundledMeasures2020Migration = "0010_bundled_measures_2020";

    // Applied to a new store and to one from before exclusions had importers and allowances alike:
    // either takes the sample exclusions, once.
    private const string SampleExclusionsMigration = "0009_exclusion_allowances";

    private sealed record EntityList(EntityListing[] Entities);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var setup = await database.AcquireSetupLockAsync(cancellationToken);
        var migrated = await database.MigrateAsync(typeof(FirstStart).Assembly, "TradeGrpc.Tariff.Data.Migrations", logger, cancellationToken);
        var loaded = await sender.SendAsync(new GetLoadedData(), cancellationToken);
        if (!loaded.Schedule)
        {
            var file = bundled.TariffDatabaseFile();
            LogFirstStart(logger, "tariff schedule", file);
            await using var stream = BundledData.OpenMaybeCompressed(file);
            var summary = await sender.SendAsync(new ImportSchedule(UsitcTariffDatabaseReader.Read(stream)), cancellationToken);
            LogImported(logger, summary.RowsRead, summary.RowsImported, summary.RowsRejected, summary.RatesUnparsed);
        }
        else if (migrated.Contains(SpecialRatesMigration))
        {
            var file = bundled.TariffDatabaseFile();
            await using var stream = BundledData.OpenMaybeCompressed(file);
            var filled = await sender.SendAsync(new FillSpecialRates(UsitcTariffDatabaseReader.Read(stream).Lines), cancellationToken);
            LogSpecialRatesFilled(logger, filled, file);
        }

        if (!loaded.ChinaRates || !loaded.Measures)
        {
            LogFirstStart(logger, "China's applied tariffs on US goods and the tariff measures", bundled.Directory);
            var rates = ReadChinaRates();
            var measures = loaded.Measures ? [] : MeasureSeed.Build(bundled, new ChinaTariffs(rates), clock.GetUtcNow());
            await sender.SendAsync(new SeedBook(loaded.ChinaRates ? [] : rates, measures), cancellationToken);
        }
        else if (migrated.Contains(CountryTreatmentsMigration) || migrated.Contains(BundledMeasures2020Migration))
        {
            var seeded = MeasureSeed.Build(bundled, new ChinaTariffs(ReadChinaRates()), clock.GetUtcNow());
            if (migrated.Contains(CountryTreatmentsMigration))
            {
                var given = await sender.SendAsync(new SeedCountryTreatments(seeded), cancellationToken);
                LogCountryTreatmentsGiven(logger, given);
            }

            if (migrated.Contains(BundledMeasures2020Migration))
            {
                var added = await sender.SendAsync(new SeedMissingMeasures(seeded), cancellationToken);
                LogMeasuresAdded(logger, added);
            }
        }

        if (migrated.Contains(SampleExclusionsMigration))
        {
            var added = await sender.SendAsync(new SeedExclusions(ExclusionSeed.Build(bundled, clock.GetUtcNow())), cancellationToken);
            LogExclusionsSeeded(logger, added, ExclusionSeed.File);
        }

        if (!loaded.EntityList)
        {
            var file = Path.Combine(bundled.Directory, EntityListFile);
            LogFirstStart(logger, "Entity List", file);
            await using var stream = File.OpenRead(file);
            var list = await JsonSerializer.DeserializeAsync<EntityList>(stream, Json, cancellationToken) ?? throw new FormatException($"{file} is empty.");
            foreach (var listing in list.Entities)
            {
                await sender.SendAsync(new CreateEntity(listing), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IReadOnlyList<ChinaAppliedRate> ReadChinaRates()
    {
        using var stream = BundledData.OpenMaybeCompressed(bundled.ChinaAppliedTariffsFile());
        return ChinaAppliedTariffReader.Read(stream);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored measures treated every country alike: {Given} took the bundled measures' country treatments")]
    private static partial void LogCountryTreatmentsGiven(ILogger logger, int given);

    [LoggerMessage(Level = LogLevel.Information, Message = "The store lacked bundled measures: added {Added}")]
    private static partial void LogMeasuresAdded(ILogger logger, IReadOnlyList<string> added);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Added} sample exclusions added from {File}")]
    private static partial void LogExclusionsSeeded(ILogger logger, int added, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "First start: loading the bundled {What} from {File}...")]
    private static partial void LogFirstStart(ILogger logger, string what, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "The stored schedule had no special rates: {Filled} lines took theirs from {File}, the lines with the same code, start date and general rate")]
    private static partial void LogSpecialRatesFilled(ILogger logger, int filled, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tariff schedule imported: {Read} rows read, {Imported} imported, {Rejected} rejected, {Unparsed} with rates no quote can compute")]
    private static partial void LogImported(ILogger logger, int read, int imported, int rejected, int unparsed);
}
