using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace TradeGrpc.Commands;

/// <summary>A command or a query whose handler answers <typeparamref name="TResult"/>.</summary>
public interface IRequest<TResult>;

/// <summary>The one handler of <typeparamref name="TRequest"/>.</summary>
public interface IHandler<in TRequest, TResult>
    where TRequest : IRequest<TResult>
{
    Task<TResult> HandleAsync(TRequest request, CancellationToken cancellationToken);
}

/// <summary>Hands each command or query to its handler, so that a service class needs one dependency, not one per method.</summary>
public sealed class Sender(IServiceProvider services)
{
    public Task<TResult> SendAsync<TResult>(IRequest<TResult> request, CancellationToken cancellationToken) =>
        Dispatch<TResult>.For(request.GetType())(services, request, cancellationToken);

    /// <summary>
    /// Registers every handler class of <paramref name="assembly"/>, each made once and found both as
    /// itself (a command may read through a query's handler) and as the handler of its request, and the sender.
    /// </summary>
    public static IServiceCollection AddHandlers(IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var handles = type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IHandler<,>)).ToList();
            if (handles.Count > 0)
            {
                services.AddSingleton(type);
            }

            foreach (var handler in handles)
            {
                services.AddSingleton(handler, sp => sp.GetRequiredService(type));
            }
        }

        services.AddSingleton<Sender>();
        return services;
    }

    // One compiled call per request type, found once: no reflection on the way of a call.
    private static class Dispatch<TResult>
    {
        private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, IRequest<TResult>, CancellationToken, Task<TResult>>> Calls = new();

        private static readonly MethodInfo Generic = typeof(Dispatch<TResult>).GetMethod(nameof(Call), BindingFlags.NonPublic | BindingFlags.Static)!;

        public static Func<IServiceProvider, IRequest<TResult>, CancellationToken, Task<TResult>> For(Type requestType) =>
            Calls.GetOrAdd(requestType, static type =>
                Generic.MakeGenericMethod(type).CreateDelegate<Func<IServiceProvider, IRequest<TResult>, CancellationToken, Task<TResult>>>());

        private static Task<TResult> Call<TRequest>(IServiceProvider services, IRequest<TResult> request, CancellationToken cancellationToken)
            where TRequest : IRequest<TResult> =>
            services.GetRequiredService<IHandler<TRequest, TResult>>().HandleAsync((TRequest)request, cancellationToken);
    }
}
