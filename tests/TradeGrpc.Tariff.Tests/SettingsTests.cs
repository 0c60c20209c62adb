using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>A setting the host cannot use stops it at start, with a message that names the key.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Replicas:QuietPollInterval", "00:00:00")]
    [InlineData("Replicas:OutOfStepPollInterval", "-00:00:01")]
    [InlineData("Replicas:InStepPollInterval", "00:00:00")]
    [InlineData("TariffData:Directory", "/no/such/folder")]
    [InlineData("Storage:Provider", "Mongo")]
    [InlineData("Auth:JwksFile", "/no/such/jwks.json")]
    [InlineData("Auth:ClientCaFile", "/no/such/ca.crt")]
    [InlineData("Auth:Audience", "")]
    [InlineData("Auth:Issuer", "")]
    public async Task Start_BadSetting_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { [key] = value });
        });

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithNoWayToCheckTokens_FailsNamingTheSettings()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Auth:JwksFile"] = "" });
        });

        Assert.Contains("Auth:Authority or Auth:JwksFile", error.Message, StringComparison.Ordinal);
    }
}
