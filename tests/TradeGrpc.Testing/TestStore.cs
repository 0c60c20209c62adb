namespace TradeGrpc.Testing;

public enum StoreProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The store a test's service hosts share: SQLite in a temporary folder, or a fresh database
/// on a PostgreSQL server started for the test and stopped on dispose.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory folder = new();

    private readonly string connectionName;

    private TestStore(PostgresServer? server, Dictionary<string, string> settings, string connectionName)
    {
        Server = server;
        Settings = settings;
        Settings["Storage:DataDirectory"] = folder.Path;
        this.connectionName = connectionName;
    }

    /// <summary>The PostgreSQL server; null for SQLite.</summary>
    public PostgresServer? Server { get; }

    /// <summary>Host settings that point a service at the store; a test may add its own.</summary>
    public Dictionary<string, string> Settings { get; }

    /// <summary>A store on <paramref name="provider"/>; PostgreSQL's goes to ConnectionStrings:<paramref name="connectionName"/>.</summary>
    public static async Task<TestStore> StartAsync(StoreProvider provider, string connectionName)
    {
        if (provider == StoreProvider.Sqlite)
        {
            return new TestStore(null, [], connectionName);
        }

        var server = await PostgresServer.StartAsync();
        return new TestStore(server, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            [$"ConnectionStrings:{connectionName}"] = await server.CreateDatabaseAsync(),
        }, connectionName);
    }

    /// <summary>
    /// Runs SQL on the store as a service of an earlier version left it, before any host opens it:
    /// <c>$sequence$</c> and <c>$instant$</c> stand for what the provider names an increasing key
    /// and a time column. The SQLite file is <c>{service}.db</c> in the store's folder.
    /// </summary>
    public async Task ExecuteAsync(string service, string sql, params (string Name, object? Value)[] parameters)
    {
        System.Data.Common.DbConnection connection = Server is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={System.IO.Path.Combine(folder.Path, $"{service}.db")}")
            : new Npgsql.NpgsqlConnection(Settings[$"ConnectionStrings:{connectionName}"]);
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Server is null
                ? sql.Replace("$sequence$", "INTEGER PRIMARY KEY AUTOINCREMENT", StringComparison.Ordinal).Replace("$instant$", "TEXT", StringComparison.Ordinal)
                : sql.Replace("$sequence$", "BIGSERIAL PRIMARY KEY", StringComparison.Ordinal).Replace("$instant$", "TEXT COLLATE \"C\"", StringComparison.Ordinal);
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        folder.Dispose();
    }
}
