using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;

namespace TradeGrpc.Storage;

/// <summary>
/// A store's schema, from numbered migrations embedded in a service assembly and applied in order,
/// each once, by DbUp: <c>{prefix}.NNNN_name.sql</c> for both providers, or
/// <c>{prefix}.Sqlite.NNNN_name.sql</c> and <c>{prefix}.PostgreSql.NNNN_name.sql</c> where the two
/// cannot share one. Scripts name what differs between the providers with variables:
/// <c>$sequence$</c> (an increasing key) and <c>$instant$</c> (fixed-width UTC text whose byte
/// order is time order). A migration that must read and rewrite data is a <see cref="CodeMigration"/>.
/// What every store keeps (the audit trail) comes after, from this assembly's <c>Scripts</c>.
/// </summary>
public static class Migrations
{
    /// <summary>DbUp's record of the migrations applied.</summary>
    public const string JournalTable = "schema_versions";

    // The record kept before DbUp: (version, name) of each script applied.
    private const string LegacyJournalTable = "schema_migrations";

    // The scripts of what every store keeps, named apart from the services' numbered ones (audit_0001_log).
    private const string SharedPrefix = "TradeGrpc.Storage.Scripts";

    /// <summary>Applies the migrations the store has not had yet; returns the names of those it applied now (every one, on a new store).</summary>
    public static async Task<IReadOnlySet<string>> ApplyAsync(Database database, Assembly assembly, string resourcePrefix, ILogger logger, CancellationToken cancellationToken)
    {
        if (database is SqliteDatabase sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.Path)!);
            await ExecuteAsync(database, "PRAGMA journal_mode = WAL", cancellationToken);
        }

        List<Migration> migrations = [.. Find(database.Provider, assembly, resourcePrefix), .. Find(database.Provider, typeof(Migrations).Assembly, SharedPrefix)];
        await AdoptLegacyJournalAsync(database, migrations, logger, cancellationToken);
        var result = Engine(database, migrations, logger).PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One migration: its SQL, or the code that applies it.</summary>
    private sealed record Migration(string Name, SqlScript? Sql, IScript? Code);

    /// <summary>The migrations for <paramref name="provider"/>, in order.</summary>
    private static List<Migration> Find(StoreProvider provider, Assembly assembly, string resourcePrefix)
    {
        var scripts = new SortedDictionary<string, Migration>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(resourcePrefix + ".", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var path = resource[(resourcePrefix.Length + 1)..^4];
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            var dialect = dot < 0 ? null : path[..dot];
            var name = path[(dot + 1)..];
            if (dialect is not null && dialect != provider.ToString())
            {
                continue;
            }

            // A provider's own script stands in for the shared one of the same name.
            if (dialect is not null || !scripts.ContainsKey(name))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                scripts[name] = new Migration(name, SqlScript.FromStream(name, stream), null);
            }
        }

        foreach (var type in assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CodeMigration)) && t.Namespace == resourcePrefix))
        {
            var code = (CodeMigration)Activator.CreateInstance(type)!;
            scripts[code.Name] = new Migration(code.Name, null, code);
        }

        return [.. scripts.Values];
    }

    private static UpgradeEngine Engine(Database database, IEnumerable<Migration> migrations, ILogger logger)
    {
        UpgradeEngineBuilder builder;
        if (database is PostgresDatabase postgres)
        {
            builder = DeployChanges.To.PostgresqlDatabase(new PostgresqlConnectionManager(postgres.DataSource))
                .JournalToPostgresqlTable("public", JournalTable)
                .WithVariable("sequence", "BIGSERIAL PRIMARY KEY")
                .WithVariable("instant", "TEXT COLLATE \"C\"");
        }
        else
        {
            builder = DeployChanges.To.SqliteDatabase(((SqliteDatabase)database).ConnectionString)
                .JournalToSqliteTable(JournalTable)
                .WithVariable("sequence", "INTEGER PRIMARY KEY AUTOINCREMENT")
                .WithVariable("instant", "TEXT");
        }

        foreach (var migration in migrations)
        {
            builder = migration.Code is { } code ? builder.WithScript(migration.Name, code) : builder.WithScript(migration.Sql!);
        }

        return builder.WithTransactionPerScript().LogTo(logger).Build();
    }

    /// <summary>A store migrated before DbUp keeps its record in <c>schema_migrations</c>: its scripts are marked applied in DbUp's journal, once.</summary>
    private static async Task AdoptLegacyJournalAsync(Database database, List<Migration> migrations, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await TableExistsAsync(database, LegacyJournalTable, cancellationToken))
        {
            return;
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT version FROM {LegacyJournalTable}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add($"{reader.GetInt32(0):0000}_");
            }
        }

        var adopted = migrations.Where(m => applied.Contains(m.Name[..5])).ToList();
        Engine(database, adopted, logger).MarkAsExecuted();
        await ExecuteAsync(database, $"DROP TABLE {LegacyJournalTable}", cancellationToken);
    }

    private static async Task<bool> TableExistsAsync(Database database, string table, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == StoreProvider.Sqlite
            ? $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(Database database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
