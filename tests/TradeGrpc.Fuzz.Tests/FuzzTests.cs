using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Testing;
using Xunit.Abstractions;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace TradeGrpc.Fuzz.Tests;

/// <summary>
/// Every method each host serves, called with requests made from its descriptor (empty, boundary
/// values, random values) and with garbage frames, as a caller holding every role: none may end
/// INTERNAL or UNKNOWN, drop the connection or stop the host. A run is a number of rounds from one
/// seed (<c>FUZZ_SEED</c>); <c>FUZZ_DURATION</c> (a TimeSpan) keeps going with new rounds until it is up.
/// </summary>
[Collection(SharedFuzzHosts.Name)]
public sealed class FuzzTests(FuzzHosts hosts, ITestOutputHelper output)
{
    // Enough for every method to see each kind of request several times within the suite's budget.
    private const int Rounds = 12;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261130;

    private static readonly TimeSpan? Duration = TimeSpan.TryParse(Environment.GetEnvironmentVariable("FUZZ_DURATION"), CultureInfo.InvariantCulture, out var duration) ? duration : null;

    [Fact]
    public Task TariffHost_FuzzedRequests_NeverInternalUnknownOrDropped() => FuzzAsync(hosts.Tariff);

    [Fact]
    public Task NegotiationHost_FuzzedRequests_NeverInternalUnknownOrDropped() => FuzzAsync(hosts.Negotiation);

    private async Task FuzzAsync(ServiceHost host)
    {
        var methods = ServedMethods(host);
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        var calls = 0;
        using var raw = new RawGrpc(host.Address, TestAuthority.Superuser);
        // Each method on its own seeded Random, so that one method's failure replays without the others.
        await Task.WhenAll(methods.Select(async (method, index) =>
        {
            var random = new Random(HashCode.Combine(Seed, index));
            var generator = new RequestGenerator(random);
            for (var round = 0; round < Rounds || (Duration is { } d && clock.Elapsed < d); round++)
            {
                foreach (var kind in Enum.GetValues<RequestGenerator.Kind>())
                {
                    var request = generator.Make(method.InputType, kind);
                    var (status, answered, detail) = await CallAsync(host.Channel.CreateCallInvoker(), method, request);
                    Interlocked.Increment(ref calls);
                    if (status is StatusCode.Internal or StatusCode.Unknown || (status == StatusCode.Unavailable && !answered))
                    {
                        failures.Enqueue($"{method.FullName} ({kind}): {status} {(answered ? "" : "(the connection, not the service) ")}{detail}\n  request: {Show(request)}");
                    }
                }

                var garbage = RawGrpc.Frame(generator.RandomBytes(random.Next(1, 200)), compressed: random.Next(4) == 0,
                    claimedLength: random.Next(4) == 0 ? random.Next() : null);
                var answer = await GarbageAsync(raw, method, garbage);
                Interlocked.Increment(ref calls);
                if (answer is (int)StatusCode.Internal or (int)StatusCode.Unknown or -1 or null)
                {
                    failures.Enqueue($"{method.FullName} (garbage frame): {(answer is null ? "no answer past its deadline" : $"grpc-status {answer}")}\n  frame: {Convert.ToBase64String(garbage)}");
                }
            }
        }));

        output.WriteLine($"seed {Seed}: {calls} calls to {methods.Count} methods in {clock.Elapsed:mm\\:ss}");
        var health = await new Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.True(failures.IsEmpty, $"FUZZ_SEED={Seed}: {failures.Count} failures\n{string.Join("\n", failures.Take(20))}");
    }

    /// <summary>
    /// The methods of every service the host maps, from the descriptors of the generated bases its
    /// services derive from; methods streaming both ways (reflection, grpc-dotnet's own) are left out.
    /// </summary>
    private static List<MethodDescriptor> ServedMethods(ServiceHost host)
    {
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()).OfType<GrpcMethodMetadata>()
            .Select(m => m.ServiceType).Distinct();
        var services = served.Select(Descriptor).OfType<ServiceDescriptor>().DistinctBy(s => s.FullName).ToList();
        Assert.Contains(services, s => s.FullName.StartsWith("trade.", StringComparison.Ordinal));
        return [.. services.SelectMany(s => s.Methods).Where(m => !(m.IsClientStreaming && m.IsServerStreaming))];
    }

    /// <summary>The descriptor of the generated class that declares the service's base (its static <c>Descriptor</c>).</summary>
    private static ServiceDescriptor? Descriptor(Type service)
    {
        for (var type = service; type is not null; type = type.BaseType)
        {
            if (type.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is ServiceDescriptor descriptor)
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>
    /// The status a call ends with; whether google.rpc details came with it (without them an UNAVAILABLE
    /// is the connection's, not the service's); its detail, or the client's exception when the connection answered.
    /// </summary>
    private static async Task<(StatusCode Status, bool Answered, string Detail)> CallAsync(CallInvoker invoker, MethodDescriptor method, IMessage request)
    {
        try
        {
            // A watch a permitted caller opens stays open: a short deadline ends it.
            await DescribedCalls.CallAsync(invoker, method, request, method.IsServerStreaming ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10));
            return (StatusCode.OK, true, "");
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The client's own deadline ends a watch; the service has nothing to add.
            return (error.StatusCode, true, error.Status.Detail);
        }
        catch (RpcException error)
        {
            var answered = error.Trailers.GetValueBytes("grpc-status-details-bin") is not null;
            return (error.StatusCode, answered, answered ? error.Status.Detail : $"{error.Status.Detail} {error.Status.DebugException}");
        }
    }

    /// <summary>The grpc-status a garbage frame gets; null when none came well past the call's deadline.</summary>
    private static async Task<int?> GarbageAsync(RawGrpc raw, MethodDescriptor method, byte[] frame)
    {
        try
        {
            return (await raw.CallAsync($"/{method.Service.FullName}/{method.Name}", frame)).Status;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }


    /// <summary>The request as JSON, shortened; as base64 when JSON cannot hold it (a timestamp out of range).</summary>
    private static string Show(IMessage request)
    {
        string text;
        try
        {
            text = JsonFormatter.Default.Format(request);
        }
        catch (InvalidOperationException)
        {
            text = $"(base64) {Convert.ToBase64String(request.ToByteArray())}";
        }

        return text.Length > 2000 ? $"{text[..2000]}... ({text.Length} characters)" : text;
    }
}
