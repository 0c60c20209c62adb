using System.Text.RegularExpressions;
using Google.Api;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TradeGrpc.Hosting;

/// <summary>
/// Writes each REST route into the OpenAPI document with the resource's own segments. Grpc.Swagger
/// describes <c>/v1/{name=negotiations/*/rounds/*}</c> as <c>v1/{name}</c>, which every Get method
/// shares (Swashbuckle then refuses the document), and which tells a caller nothing of the literal
/// segments the route needs. Here it becomes <c>v1/negotiations/{negotiation}/rounds/{round}</c>,
/// a path parameter for each wildcard, which is what a caller sends: the service reads the resource
/// name from the whole path.
/// </summary>
internal sealed partial class ResourcePaths : IApiDescriptionProvider
{
    // After Grpc.Swagger's provider, whose descriptions this rewrites (OnProvidersExecuted runs in reverse order).
    public int Order => -1_000_000;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } transcoding)
            {
                continue;
            }

            description.RelativePath = Variable().Replace(PathOf(transcoding.HttpRule).TrimStart('/'), variable =>
            {
                var field = variable.Groups["field"].Value;
                var replaced = description.ParameterDescriptions.Where(p => p.Source == BindingSource.Path && p.Name == field).ToList();
                foreach (var parameter in replaced)
                {
                    description.ParameterDescriptions.Remove(parameter);
                }

                var segments = variable.Groups["pattern"].Value.Split('/');
                for (var i = 0; i < segments.Length; i++)
                {
                    if (segments[i] == "*")
                    {
                        segments[i] = $"{{{Singular(segments[i - 1])}}}";
                        description.ParameterDescriptions.Add(new ApiParameterDescription
                        {
                            Name = segments[i].Trim('{', '}'),
                            Source = BindingSource.Path,
                            Type = typeof(string),
                            IsRequired = true,
                        });
                    }
                }

                return string.Join('/', segments);
            });
        }
    }

    private static string PathOf(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => rule.Get,
        HttpRule.PatternOneofCase.Post => rule.Post,
        HttpRule.PatternOneofCase.Patch => rule.Patch,
        HttpRule.PatternOneofCase.Put => rule.Put,
        HttpRule.PatternOneofCase.Delete => rule.Delete,
        _ => rule.Custom.Path,
    };

    // The collections of the contracts' resource names: negotiations, issues, entities, tariffLines, ...
    private static string Singular(string collection) => collection.EndsWith("ies", StringComparison.Ordinal)
        ? collection[..^3] + "y"
        : collection.TrimEnd('s');

    [GeneratedRegex(@"\{(?<field>[a-z_.]+)=(?<pattern>[^}]+)\}")]
    private static partial Regex Variable();
}
