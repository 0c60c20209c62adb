using System.Text;

namespace TradeGrpc.Hosting;

/// <summary>Turns a field as the domain names it into the field path of the request it came from.</summary>
public interface IRequestFieldMap
{
    /// <param name="method">The gRPC method, <c>/package.Service/Method</c>.</param>
    /// <param name="field">The domain's path, such as <c>Lines[2].HtsCode</c>.</param>
    string ToRequestPath(string method, string field);
}

/// <summary>
/// The convention: each member name in snake_case, indexes kept (<c>Lines[2].HtsCode</c> is
/// <c>lines[2].hts_code</c>), under the request field that holds the domain's input for the method
/// (<paramref name="roots"/>, for example <c>measure</c> for CreateMeasure), with the member names
/// the contract spells differently given in <paramref name="renames"/>.
/// </summary>
public class RequestFieldMap(IReadOnlyDictionary<string, string> roots, IReadOnlyDictionary<string, string> renames) : IRequestFieldMap
{
    /// <summary>The convention alone: every domain input is the request itself.</summary>
    public RequestFieldMap() : this(new Dictionary<string, string>(), new Dictionary<string, string>())
    {
    }

    public string ToRequestPath(string method, string field)
    {
        var path = new StringBuilder(roots.GetValueOrDefault(method, ""));
        foreach (var segment in field.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (path.Length > 0)
            {
                path.Append('.');
            }

            path.Append(renames.TryGetValue(name, out var renamed) ? renamed : SnakeCase(name));
            if (bracket >= 0)
            {
                path.Append(segment[bracket..]);
            }
        }

        return path.ToString();
    }

    private static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]))
            {
                if (i > 0)
                {
                    snake.Append('_');
                }

                snake.Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                snake.Append(name[i]);
            }
        }

        return snake.ToString();
    }
}
