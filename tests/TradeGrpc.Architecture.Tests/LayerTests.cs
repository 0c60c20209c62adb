using System.Reflection;
using NetArchTest.Rules;

namespace TradeGrpc.Architecture.Tests;

/// <summary>
/// Layers point one way: gRPC to application to domain, and data up at the interfaces the
/// application declares. Each rule names what a layer's types must not depend on, in their
/// signatures or their method bodies.
/// </summary>
public sealed class LayerTests
{
    public static TheoryData<string> Services => ["Tariff", "Negotiation"];

    // What a transport brings: gRPC itself, the generated contracts, and the hosting of them.
    private static string[] Transport(string service) => ["Grpc.Core", "Grpc.AspNetCore", "Grpc.Net", $"TradeGrpc.{service}.V1", "TradeGrpc.Hosting", "TradeGrpc.Validation", $"TradeGrpc.{service}.Grpc"];

    // What stores and replicas bring.
    private static readonly string[] Infrastructure =
        ["Microsoft.Data", "Npgsql", "Dapper", "DbUp", "StackExchange.Redis", "System.Data", "TradeGrpc.Storage", "TradeGrpc.Caching", "TradeGrpc.Messaging"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Domain_DependsOnNeitherTransportNorStorageNorCachingNorTheLayersAboveIt(string service) =>
        AssertNone(service, "Domain", [.. Transport(service), .. Infrastructure, "Google.Protobuf", "TradeGrpc.Commands",
            $"TradeGrpc.{service}.Application", $"TradeGrpc.{service}.Data", $"TradeGrpc.{service}.Import", $"TradeGrpc.{service}.Replicas"]);

    [Theory]
    [MemberData(nameof(Services))]
    public void Data_DependsOnNoTransport(string service) =>
        AssertNone(service, "Data", Transport(service));

    [Theory]
    [MemberData(nameof(Services))]
    public void Application_DependsOnNoTransportAndOnNoStoreButThroughItsInterfaces(string service) =>
        AssertNone(service, "Application", [.. Transport(service), "Microsoft.Data", "Npgsql", "Dapper", "DbUp", "TradeGrpc.Storage", $"TradeGrpc.{service}.Data"]);

    [Fact]
    public void Errors_DependOnNothingOfTheProject()
    {
        var references = typeof(Errors.DomainException).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.StartsWith("System", name, StringComparison.Ordinal));
    }

    [Fact]
    public void Identity_DependsOnNothingOfTheProject()
    {
        var references = typeof(Identity.Caller).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.All(references, name => Assert.StartsWith("System", name, StringComparison.Ordinal));
    }

    private static void AssertNone(string service, string layer, string[] forbidden)
    {
        var assembly = Assembly.Load($"TradeGrpc.{service}");
        var result = Types.InAssembly(assembly).That().ResideInNamespace($"TradeGrpc.{service}.{layer}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.SelectedTypesForTesting.Any(), $"no types in TradeGrpc.{service}.{layer}");
        Assert.True(result.IsSuccessful, $"{layer} types that reach what they must not: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }
}
