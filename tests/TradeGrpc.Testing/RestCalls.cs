using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace TradeGrpc.Testing;

/// <summary>What the tests of a host's HTTP/1.1 surface share: its JSON errors, its OpenAPI document, gRPC-Web.</summary>
public static class RestCalls
{
    private static readonly JsonParser StatusParser = new(JsonParser.Settings.Default.WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    /// <summary>Sends <paramref name="json"/> (a JSON text) as the body of a POST.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>The error body, read as the google.rpc.Status it must be, details and all.</summary>
    public static async Task<Status> ReadStatusAsync(this HttpResponseMessage response) => ParseStatus(await response.Content.ReadAsStringAsync());

    /// <summary>A google.rpc.Status in JSON, details and all.</summary>
    public static Status ParseStatus(string json) => StatusParser.Parse<Status>(json);

    /// <summary>The first detail of type <typeparamref name="T"/> in <paramref name="status"/>.</summary>
    public static T Detail<T>(this Status status)
        where T : IMessage<T>, new() =>
        status.Details.Single(d => d.Is(new T().Descriptor)).Unpack<T>();

    /// <summary>The host's OpenAPI document, read strictly: a document that is not valid OpenAPI fails the read.</summary>
    public static async Task<OpenApiDocument> ReadOpenApiAsync(this ServiceHost host)
    {
        using var client = host.HttpClientAs(null);
        await using var stream = await client.GetStreamAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = new OpenApiStreamReader().Read(stream, out var diagnostic);
        Assert(diagnostic.Errors.Count == 0, $"The OpenAPI document has errors: {string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"))}");
        Assert(diagnostic.SpecificationVersion == Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0, $"The document is {diagnostic.SpecificationVersion}, not OpenAPI 3.");
        return document;
    }

    /// <summary>
    /// The methods of <paramref name="services"/> that the document has no operation for, by full name;
    /// client-streaming methods are left out: JSON transcoding cannot serve them.
    /// </summary>
    public static IReadOnlyList<string> MissingOperations(this OpenApiDocument document, params ServiceDescriptor[] services)
    {
        var operations = document.Paths.Values.SelectMany(p => p.Operations.Values).Select(o => o.OperationId).ToHashSet();
        return [.. services.SelectMany(s => s.Methods).Where(m => !m.IsClientStreaming).Select(m => m.FullName).Where(name => !operations.Contains(name))];
    }

    /// <summary>A gRPC-Web channel to the host's HTTP/1.1 endpoint whose calls carry <paramref name="token"/>.</summary>
    public static GrpcChannel GrpcWebChannel(this ServiceHost host, string token)
    {
        var client = new HttpClient(new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return GrpcChannel.ForAddress(host.HttpAddress, new GrpcChannelOptions
        {
            HttpClient = client,
            DisposeHttpClient = true,
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
