using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TradeGrpc.Storage;

/// <summary>Where a service keeps its store.</summary>
public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The store settings (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Sqlite (default) or PostgreSql.</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>The folder of a SQLite store, under the content root unless rooted.</summary>
    public string DataDirectory { get; set; } = ".data";
}

public static class StorageExtensions
{
    /// <summary>
    /// Registers the database that Storage:Provider names (a <c>{name}.db</c> file in
    /// Storage:DataDirectory, or PostgreSQL at ConnectionStrings:<paramref name="connectionName"/>),
    /// as the <see cref="Database"/>, with a health check that fails while it does not answer.
    /// A setting that cannot be read stops the host with a message naming the key.
    /// </summary>
    public static StoreProvider AddDatabase(this WebApplicationBuilder builder, string name, string connectionName)
    {
        var options = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var services = builder.Services;
        // One instance, so that its last probe serves every check.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreHealthCheck>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        switch (options.Provider)
        {
            case StoreProvider.Sqlite:
                var dataDirectory = Path.Combine(builder.Environment.ContentRootPath, options.DataDirectory);
                services.AddSingleton<Database>(_ => new SqliteDatabase(Path.Combine(dataDirectory, $"{name}.db")));
                break;
            default:
                var connectionString = builder.Configuration.GetConnectionString(connectionName);
                if (string.IsNullOrEmpty(connectionString))
                {
                    throw new InvalidOperationException($"Storage:Provider PostgreSql needs ConnectionStrings:{connectionName}.");
                }

                services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                // Npgsql's own spans and meters, recorded only while a host's telemetry is on (HostingDefaults).
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
                services.AddSingleton<Database>(sp => new PostgresDatabase(sp.GetRequiredService<NpgsqlDataSource>()));
                break;
        }

        return options.Provider;
    }
}
