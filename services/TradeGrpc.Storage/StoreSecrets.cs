using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;

namespace TradeGrpc.Storage;

/// <summary>Random secrets kept in the store, the same for every replica that shares it: made by the first replica that asks.</summary>
public sealed class StoreSecrets(Database database)
{
    /// <summary>Reads the secret <paramref name="name"/> through the host's StoreSecrets: the default of a key that every replica of a store must hold.</summary>
    public static Func<IServiceProvider, CancellationToken, Task<byte[]>> Shared(string name) =>
        (services, cancellationToken) => services.GetRequiredService<StoreSecrets>().GetOrCreateAsync(name, cancellationToken);

    /// <summary>The secret <paramref name="name"/>, 32 random bytes, made now if no replica made it before.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, CancellationToken cancellationToken)
    {
        if (await ReadAsync(name, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            await database.ExecuteAsync("INSERT INTO store_secrets (name, value) VALUES (@name, @value)",
                new { name, value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }, cancellationToken);
        }
        catch (DbException ex) when (database.IsUniqueViolation(ex))
        {
            // Another replica made it first: theirs is the one.
        }

        return await ReadAsync(name, cancellationToken) ?? throw new InvalidOperationException($"The store holds no secret {name} after making it.");
    }

    private async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken) =>
        await database.FirstOrDefaultAsync<string>("SELECT value FROM store_secrets WHERE name = @name", new { name }, cancellationToken) is { } value
            ? Convert.FromBase64String(value)
            : null;
}
