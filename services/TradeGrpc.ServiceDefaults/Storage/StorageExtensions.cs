using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TradeGrpc.ServiceDefaults.Storage;

public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}

public static class StorageExtensions
{
    /// <summary>
    /// Registers the database named by Storage:Provider, its <see cref="IStoreProbe"/> and its
    /// <see cref="IStoreSetupLock"/>: Sqlite (default),
    /// a <c>{name}.db</c> file in Storage:DataDirectory, or PostgreSql at ConnectionStrings:<paramref name="connectionName"/>.
    /// </summary>
    public static StoreProvider AddDatabase(this WebApplicationBuilder builder, string name, string connectionName)
    {
        var services = builder.Services;
        var provider = builder.Configuration["Storage:Provider"] ?? "Sqlite";
        switch (provider)
        {
            case "Sqlite":
                var dataDirectory = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["Storage:DataDirectory"] ?? ".data");
                services.AddSingleton(new SqliteDatabase(Path.Combine(dataDirectory, $"{name}.db")));
                services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<SqliteDatabase>());
                services.AddSingleton<IStoreSetupLock>(sp => sp.GetRequiredService<SqliteDatabase>());
                return StoreProvider.Sqlite;
            case "PostgreSql":
                var connectionString = builder.Configuration.GetConnectionString(connectionName)
                    ?? throw new InvalidOperationException($"Storage:Provider PostgreSql needs ConnectionStrings:{connectionName}.");
                services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
                services.AddSingleton<PostgresDatabase>();
                services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<PostgresDatabase>());
                services.AddSingleton<IStoreSetupLock>(sp => sp.GetRequiredService<PostgresDatabase>());
                return StoreProvider.PostgreSql;
            default:
                throw new InvalidOperationException($"Storage:Provider {provider} is not Sqlite or PostgreSql.");
        }
    }
}
