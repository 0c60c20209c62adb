using TradeGrpc.Testing;

namespace TradeGrpc.Negotiation.Tests;

/// <summary>A setting the host cannot use stops it at start, with a message that names the key.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Sample:File", "data/negotiation/no-such-talks.json")]
    [InlineData("Tariff:DefaultDeadline", "00:00:00")]
    [InlineData("Outbox:PollInterval", "02:00:00")]
    [InlineData("Outbox:FirstRetryDelay", "00:00:00")]
    [InlineData("Storage:Provider", "PostgreSql")]
    public async Task Start_BadSetting_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await ServiceHost.StartAsync(NegotiationApp.Build, new Dictionary<string, string> { [key] = value });
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
