using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TradeGrpc.Tariff.V1;

namespace TradeGrpc.Client.Tests;

/// <summary>
/// A tariff service whose GetTariffLine fails with the scripted status codes first, then
/// answers (or waits for cancellation when <see cref="Hang"/> is set). It records the deadline
/// of each call it sees.
/// </summary>
public sealed class ScriptedTariffService : TariffService.TariffServiceBase
{
    public ConcurrentQueue<StatusCode> Failures { get; } = new();

    public ConcurrentQueue<DateTime> DeadlinesSeen { get; } = new();

    public bool Hang { get; set; }

    public int Calls => DeadlinesSeen.Count;

    public WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        var app = builder.Build();
        app.MapGrpcService<ScriptedTariffService>();
        return app;
    }

    public override async Task<TariffLine> GetTariffLine(GetTariffLineRequest request, ServerCallContext context)
    {
        DeadlinesSeen.Enqueue(context.Deadline);
        if (Failures.TryDequeue(out var code))
        {
            throw new RpcException(new Status(code, "scripted failure"));
        }

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return new TariffLine { Name = request.Name };
    }
}
