using Google.Protobuf.Reflection;
using Grpc.Core;
using TradeGrpc.Identity;

namespace TradeGrpc.Testing;

/// <summary>
/// Every method of a host's services called three ways: without credentials (UNAUTHENTICATED),
/// with a token of a role that lacks the method's permission (PERMISSION_DENIED), and with one of a
/// role that holds it (anything but those two). What does not hold comes back as a list of lines.
/// </summary>
public static class AccessMatrix
{
    /// <param name="host">The host, with the test authority's settings.</param>
    /// <param name="services">The services whose every method is called.</param>
    /// <param name="permissionOf">The permission the host declares for a method (<c>/package.Service/Method</c>); null when none.</param>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(ServiceHost host, IEnumerable<ServiceDescriptor> services, Func<string, string?> permissionOf)
    {
        var problems = new List<string>();
        var channels = new Dictionary<string, Grpc.Net.Client.GrpcChannel>();
        CallInvoker As(string? role)
        {
            var key = role ?? "";
            if (!channels.TryGetValue(key, out var channel))
            {
                channel = host.ChannelAs(role is null ? null : TestAuthority.Token($"a-{role}", [role]));
                channels[key] = channel;
            }

            return channel.CreateCallInvoker();
        }

        try
        {
            foreach (var method in services.SelectMany(s => s.Methods))
            {
                var path = $"/{method.Service.FullName}/{method.Name}";
                if (permissionOf(path) is not { Length: > 0 } permission)
                {
                    problems.Add($"{path}: declares no permission, or is open to anyone");
                    continue;
                }

                // Refusals come before the request is read: given a minute, only a wrong answer makes them fail.
                var anonymous = await DescribedCalls.StatusOfAsync(As(null), method, TimeSpan.FromMinutes(1));
                var without = Roles.Grants.First(r => !r.Value.Contains(permission)).Key;
                var refused = await DescribedCalls.StatusOfAsync(As(without), method, TimeSpan.FromMinutes(1));
                var with = Roles.Grants.First(r => r.Value.Contains(permission)).Key;
                var admitted = await DescribedCalls.StatusOfAsync(As(with), method);
                if (anonymous != StatusCode.Unauthenticated)
                {
                    problems.Add($"{path} without credentials: {anonymous}");
                }

                if (refused != StatusCode.PermissionDenied)
                {
                    problems.Add($"{path} as {without}, without {permission}: {refused}");
                }

                if (admitted is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                {
                    problems.Add($"{path} as {with}, with {permission}: {admitted}");
                }
            }
        }
        finally
        {
            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }
        }

        return problems;
    }
}
