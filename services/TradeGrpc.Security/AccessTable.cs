using Google.Protobuf.Reflection;

namespace TradeGrpc.Security;

/// <summary>
/// The permission each RPC of a host needs, written as a table (<c>{ Service, "Method", permission }</c>)
/// that a reader can audit at a glance. A method the table does not name is refused to every
/// caller, so an RPC added without an entry ships closed, not open.
/// </summary>
public sealed class AccessTable : IEnumerable<KeyValuePair<string, string>>
{
    /// <summary>Needs no credentials: health and reflection.</summary>
    public const string Public = "";

    private readonly Dictionary<string, string> permissions = new(StringComparer.Ordinal);
    private readonly List<string> services = [];

    /// <summary>The full names of the services the table covers, in the order first named.</summary>
    public IReadOnlyList<string> Services => services;

    /// <summary>Declares that <paramref name="method"/> of <paramref name="service"/> needs <paramref name="permission"/>.</summary>
    public void Add(ServiceDescriptor service, string method, string permission) =>
        Add(service.FullName, (service.FindMethodByName(method) ?? throw new ArgumentException($"{service.FullName} has no method {method}.", nameof(method))).Name,
            permission);

    /// <summary>Declares a method by its service's full name and its name, for services whose descriptor this host does not hold.</summary>
    public void Add(string service, string method, string permission)
    {
        if (!services.Contains(service))
        {
            services.Add(service);
        }

        permissions.Add($"/{service}/{method}", permission);
    }

    /// <summary>The permission <paramref name="method"/> (<c>/package.Service/Method</c>) needs; null when the table does not name it.</summary>
    public string? PermissionFor(string method) => permissions.GetValueOrDefault(method);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => permissions.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
