using Google.Protobuf;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProtoValidate;
using TradeGrpc.Benchmarks;

// ASP.NET Core runs the entry assembly's hosting startup in every host it builds: it acts only when asked.
[assembly: HostingStartup(typeof(WithoutValidation))]

namespace TradeGrpc.Benchmarks;

/// <summary>
/// Diagnosis only, when the host is built with <see cref="Switch"/> set: replaces the protovalidate
/// validator with one that accepts every message, registered before the service's own (which only
/// adds one when none is there), so that a run shows what validation costs. No verdict is drawn from such a run.
/// </summary>
internal sealed class WithoutValidation : IHostingStartup
{
    public const string Switch = "Benchmarks:WithoutValidation";

    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices((context, services) =>
        {
            if (context.Configuration.GetValue<bool>(Switch))
            {
                services.AddSingleton<IValidator, AcceptEverything>();
            }
        });

    private sealed class AcceptEverything : IValidator
    {
        public ValidationResult Validate(IMessage message, bool failFast) => new([]);

        public string GetEvaluatorDebugString(IMessage message) => "";
    }
}
