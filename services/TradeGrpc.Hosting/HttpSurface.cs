using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace TradeGrpc.Hosting;

/// <summary>
/// What a host serves to callers that do not speak gRPC over HTTP/2: REST/JSON transcoded from
/// the contracts' <c>google.api.http</c> rules, the OpenAPI document of those routes, and gRPC-Web
/// for browsers, with CORS from <see cref="CorsSettings"/>. All of it goes through the same gRPC
/// interceptors as a gRPC call (errors, access, limits, validation, the audit trail).
/// </summary>
public static class HttpSurface
{
    /// <summary>Where each host serves its OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    private const string DocumentName = "v1";

    private const string Bearer = "bearer";

    // The generated contracts' XML documentation: the proto comments, which protoc copies into it.
    private static readonly string ContractsXml = Path.Combine(AppContext.BaseDirectory, "TradeGrpc.Contracts.xml");

    /// <param name="services">The host's services.</param>
    /// <param name="title">The OpenAPI document's title.</param>
    public static IServiceCollection AddHttpSurface(this IServiceCollection services, string title)
    {
        services.AddGrpc().AddJsonTranscoding(options =>
        {
            // The error details' types, so that a JSON error carries the same google.rpc.Status as gRPC's trailers.
            options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor);
            // As protobuf's JSON mapping has it (and grpcurl prints): a JavaScript number holds no int64 past 2^53.
            options.JsonSettings.WriteInt64sAsStrings = true;
        });
        services.AddGrpcSwagger();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, ResourcePaths>());
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo { Title = title, Version = DocumentName });
            options.IncludeXmlComments(ContractsXml);
            options.IncludeGrpcXmlComments(ContractsXml, includeControllerXmlComments: true);
            // The gRPC method's full name, which client generators name their calls after.
            options.CustomOperationIds(api => api.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault()?.MethodDescriptor.FullName);
            options.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = Bearer, BearerFormat = "JWT" });
            options.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = Bearer } }] = [],
            });
        });
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.Section)
            .Validate(o => o.AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/"),
                "Cors:AllowedOrigins must list origins such as https://app.example.com, without a path.")
            .ValidateOnStart();
        services.AddCors();
        services.AddSingleton<IConfigureOptions<CorsOptions>, CorsFromSettings>();
        return services;
    }

    /// <summary>
    /// CORS, then gRPC-Web for every gRPC service, and the OpenAPI document at <see cref="OpenApiPath"/>:
    /// an endpoint of its own, not a middleware that every gRPC call would pass through to be told no.
    /// </summary>
    public static WebApplication MapHttpSurface(this WebApplication app)
    {
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapSwagger("/openapi/{documentName}.json");
        return app;
    }
}

/// <summary>Which web origins may call a host from a browser (section <c>Cors</c>); none unless listed.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    /// <summary>Origins (scheme, host and port) whose pages may call; empty, the default, lets none.</summary>
    public IList<string> AllowedOrigins { get; } = [];
}

/// <summary>
/// The default CORS policy from <see cref="CorsSettings"/>: the listed origins may send any header
/// (authorization, grpc-timeout, x-grpc-web) and read the gRPC status headers, which a browser
/// hides from a page unless they are exposed. With no origin listed there is no policy at all, so
/// a browser's preflight gets no CORS headers and the browser refuses the call.
/// </summary>
internal sealed class CorsFromSettings(IOptions<CorsSettings> settings) : IConfigureOptions<CorsOptions>
{
    public void Configure(CorsOptions options)
    {
        var origins = settings.Value.AllowedOrigins;
        if (origins.Count == 0)
        {
            return;
        }

        options.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("grpc-status", "grpc-message", "grpc-status-details-bin"));
    }
}
