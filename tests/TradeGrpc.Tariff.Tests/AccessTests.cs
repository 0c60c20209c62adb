using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using TradeGrpc.Client;
using TradeGrpc.DevAuth;
using TradeGrpc.Diagnostics.V1;
using TradeGrpc.Security;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Tariff.Tests;

/// <summary>Who may call the tariff host: tokens that hold and those that do not, certificates, and the permission of every method.</summary>
[Collection(SharedTariffHost.Name)]
public sealed class AccessTests(TariffHostFixture fixture)
{
    private static readonly GetTariffLineRequest GasMeters = new() { Name = "tariffLines/90281000" };

    private async Task<RpcException> RefusedAsync(string? authorization)
    {
        var headers = authorization is null ? null : new Metadata { { "authorization", authorization } };
        using var channel = fixture.Host.ChannelAs(null);
        return await Assert.ThrowsAsync<RpcException>(() =>
            new TariffService.TariffServiceClient(channel).GetTariffLineAsync(GasMeters, headers).ResponseAsync);
    }

    private static string Bearer(string token) => $"Bearer {token}";

    [Fact]
    public async Task EveryMethod_AnonymousWithoutAndWithItsPermission_IsRefusedRefusedAndAdmitted()
    {
        var table = fixture.Host.Services.GetRequiredService<AccessTable>();

        var problems = await AccessMatrix.ViolationsAsync(fixture.Host,
            [TariffService.Descriptor, MeasureService.Descriptor, ExportControlService.Descriptor, Audit.V1.AuditService.Descriptor, DiagnosticsService.Descriptor], table.PermissionFor);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Ping_WithAToken_IsAnsweredAndWithoutOne_IsUnauthenticated()
    {
        using var analyst = fixture.Host.ChannelAs(TestAuthority.Token("analyst", ["analyst"]));
        using var anonymous = fixture.Host.ChannelAs(null);

        await new DiagnosticsService.DiagnosticsServiceClient(analyst).PingAsync(new PingRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => new DiagnosticsService.DiagnosticsServiceClient(anonymous).PingAsync(new PingRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithAValidToken_IsAnswered()
    {
        using var channel = fixture.Host.ChannelAs(TestAuthority.Token("analyst", ["analyst"]));

        var line = await new TariffService.TariffServiceClient(channel).GetTariffLineAsync(GasMeters);

        Assert.Equal("16 cents each + 2.5%", line.MfnRateText);
    }

    [Theory]
    [InlineData(null, "CREDENTIALS_MISSING")]
    [InlineData("Basic dXNlcjpwYXNz", "CREDENTIALS_UNSUPPORTED")]
    [InlineData("Bearer not-a-token", "TOKEN_MALFORMED")]
    public async Task Call_WithoutAUsableToken_IsUnauthenticatedSayingWhy(string? authorization, string reason)
    {
        var error = await RefusedAsync(authorization);

        Assert.Equal((StatusCode.Unauthenticated, reason), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task Call_WithAnExpiredToken_IsUnauthenticatedAsExpired()
    {
        var error = await RefusedAsync(Bearer(TestAuthority.Token("analyst", ["analyst"], lifetime: TimeSpan.FromMinutes(-10))));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_EXPIRED"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task Call_WithATokenSignedByAnotherKey_IsUnauthenticatedForItsSignature()
    {
        using var elsewhere = new TempDirectory();
        var forged = DevAuthority.Open(elsewhere.Path).Token("analyst", ["analyst"]);

        var error = await RefusedAsync(Bearer(forged));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_SIGNATURE_INVALID"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task Call_WithAnUnsignedToken_IsUnauthenticatedAsUnsigned()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var unsigned = $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"sub":"mallory","roles":["ustr"],"iss":"{{DevAuthority.Issuer}}","aud":"{{DevAuthority.Audience}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""")}.";

        var error = await RefusedAsync(Bearer(unsigned));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_UNSIGNED"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Theory]
    [InlineData("another-audience", DevAuthority.Issuer, "TOKEN_AUDIENCE_INVALID")]
    [InlineData(DevAuthority.Audience, "https://issuer.example", "TOKEN_ISSUER_INVALID")]
    public async Task Call_WithATokenForAnotherAudienceOrFromAnotherIssuer_IsUnauthenticatedSayingWhich(string audience, string issuer, string reason)
    {
        var error = await RefusedAsync(Bearer(TestAuthority.Token("analyst", ["analyst"], issuer: issuer, audience: audience)));

        Assert.Equal((StatusCode.Unauthenticated, reason), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task Call_WithoutThePermission_IsPermissionDeniedNamingIt()
    {
        using var channel = fixture.Host.ChannelAs(TestAuthority.Token("importer", ["importer"]));

        var error = await Assert.ThrowsAsync<RpcException>(() => new MeasureService.MeasureServiceClient(channel)
            .WithdrawMeasureAsync(new WithdrawMeasureRequest { Name = "measures/us-301-list-3" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(("PERMISSION_DENIED", "measures.write"), (error.GetErrorInfo()?.Reason, error.GetErrorInfo()?.Metadata["permission"]));
    }

    [Fact]
    public async Task HealthAndReflection_WithoutCredentials_Answer()
    {
        using var channel = fixture.Host.ChannelAs(null);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = MeasureService.Descriptor.FullName });
        using var reflection = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains(ExportControlService.Descriptor.FullName, reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Reflection_SwitchedOff_IsUnimplemented()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, new Dictionary<string, string> { ["Reflection:Enabled"] = "false" });
        using var reflection = new ServerReflection.ServerReflectionClient(host.Channel).ServerReflectionInfo();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
            await reflection.ResponseStream.MoveNext(CancellationToken.None);
        });

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Call_WithAClientCertificateFromAnotherAuthority_IsUnauthenticated()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        using var elsewhere = new TempDirectory();
        var (certificate, key) = DevAuthority.Open(elsewhere.Path).Certificate("negotiation");
        var services = new ServiceCollection();
        services.AddTariffClients(o =>
        {
            o.Address = host.SecureAddress;
            o.ClientCertificate = X509Certificate2.CreateFromPemFile(certificate, key);
            o.ServerCertificateAuthority = X509CertificateLoader.LoadCertificateFromFile(TestAuthority.CaFile);
        });
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(GasMeters).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "CERTIFICATE_INVALID"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }
}
