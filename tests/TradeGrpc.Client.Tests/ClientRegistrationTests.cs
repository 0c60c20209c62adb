using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Negotiation.V1;
using TradeGrpc.Tariff;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Testing;

namespace TradeGrpc.Client.Tests;

public sealed class ClientRegistrationTests
{
    private static ServiceProvider Provider(Uri address, Action<TradeClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddTariffClients(o =>
        {
            o.Address = address;
            configure?.Invoke(o);
        });
        services.AddNegotiationClient(o => o.Address = new Uri("http://127.0.0.1:5102"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddTariffClients_WithATokenProvider_SendsItsTokenWithEveryCall()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        var asked = 0;
        await using var provider = Provider(host.Address, o => o.TokenProvider = _ =>
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(TestAuthority.Token("analyst", ["analyst"]));
        });

        var client = provider.GetRequiredService<TariffService.TariffServiceClient>();
        var line = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });

        Assert.Equal("16 cents each + 2.5%", line.MfnRateText);
        Assert.Equal(2, asked);
        Assert.NotNull(provider.GetRequiredService<NegotiationService.NegotiationServiceClient>());
    }

    [Fact]
    public async Task AddTariffClients_OverGrpcWeb_CallsTheHttpPortWithErrorDetails()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        await using var provider = Provider(host.HttpAddress, o =>
        {
            o.GrpcWeb = true;
            o.TokenProvider = _ => ValueTask.FromResult(TestAuthority.Token("analyst", ["analyst"]));
        });
        var client = provider.GetRequiredService<TariffService.TariffServiceClient>();

        var line = await client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/99999999" }).ResponseAsync);

        Assert.Equal("16 cents each + 2.5%", line.MfnRateText);
        Assert.Equal((StatusCode.NotFound, "TARIFF_LINE_NOT_FOUND"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task AddTariffClients_WithoutCredentials_IsUnauthenticated()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build);
        await using var provider = Provider(host.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "CREDENTIALS_MISSING"), (error.StatusCode, error.GetErrorInfo()?.Reason));
    }

    [Fact]
    public async Task AddTariffClients_WithAClientCertificate_CallsOverTlsAsTheServiceItNames()
    {
        await using var host = await ServiceHost.StartAsync(TariffApp.Build, TestAuthority.SecureEndpoint());
        var (certificate, key) = TestAuthority.Certificate("negotiation");
        await using var provider = Provider(host.SecureAddress, o =>
        {
            o.ClientCertificate = X509Certificate2.CreateFromPemFile(certificate, key);
            o.ServerCertificateAuthority = X509CertificateLoader.LoadCertificateFromFile(TestAuthority.CaFile);
        });

        var measure = await provider.GetRequiredService<MeasureService.MeasureServiceClient>()
            .GetMeasureAsync(new GetMeasureRequest { Name = "measures/us-301-list-3", View = MeasureView.Basic });
        // The negotiation service may read the book and change measures, but not keep the Entity List.
        var refused = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<ExportControlService.ExportControlServiceClient>()
            .CreateEntityAsync(new CreateEntityRequest()).ResponseAsync);

        Assert.Equal("measures/us-301-list-3", measure.Name);
        Assert.Equal((StatusCode.PermissionDenied, "entities.write"), (refused.StatusCode, refused.GetErrorInfo()?.Metadata["permission"]));
    }

    [Fact]
    public void AddTariffClients_WithoutAddress_SaysTheAddressIsMissing()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddTariffClients(_ => { }));

        Assert.Contains("Address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ServiceUnavailableTwice_IsRetriedUntilItAnswers()
    {
        var tariff = new ScriptedTariffService();
        tariff.Failures.Enqueue(StatusCode.Unavailable);
        tariff.Failures.Enqueue(StatusCode.Unavailable);
        await using var host = await ServiceHost.StartAsync(tariff.Build);
        await using var provider = Provider(host.Address);

        var line = await provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" });

        Assert.Equal("tariffLines/90281000", line.Name);
        Assert.Equal(3, tariff.Calls);
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task Call_OtherFailure_IsNotRetried(StatusCode code)
    {
        var tariff = new ScriptedTariffService();
        tariff.Failures.Enqueue(code);
        await using var host = await ServiceHost.StartAsync(tariff.Build);
        await using var provider = Provider(host.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(1, tariff.Calls);
    }

    [Fact]
    public async Task Call_WithoutDeadline_GetsTheDefaultDeadline()
    {
        var tariff = new ScriptedTariffService { Hang = true };
        await using var host = await ServiceHost.StartAsync(tariff.Build);
        await using var provider = Provider(host.Address, o => o.DefaultDeadline = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<RpcException>(() => provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.NotEqual(DateTime.MaxValue, Assert.Single(tariff.DeadlinesSeen));
    }

    [Fact]
    public async Task Call_WithItsOwnDeadline_KeepsIt()
    {
        var tariff = new ScriptedTariffService();
        await using var host = await ServiceHost.StartAsync(tariff.Build);
        await using var provider = Provider(host.Address, o => o.DefaultDeadline = TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddMinutes(10);

        await provider.GetRequiredService<TariffService.TariffServiceClient>()
            .GetTariffLineAsync(new GetTariffLineRequest { Name = "tariffLines/90281000" }, deadline: deadline);

        Assert.InRange(Assert.Single(tariff.DeadlinesSeen), deadline.AddSeconds(-3), deadline.AddSeconds(3));
    }
}
