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

    private TestStore(PostgresServer? server, Dictionary<string, string> settings)
    {
        Server = server;
        Settings = settings;
        Settings["Storage:DataDirectory"] = folder.Path;
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
            return new TestStore(null, []);
        }

        var server = await PostgresServer.StartAsync();
        return new TestStore(server, new Dictionary<string, string>
        {
            ["Storage:Provider"] = "PostgreSql",
            [$"ConnectionStrings:{connectionName}"] = await server.CreateDatabaseAsync(),
        });
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
