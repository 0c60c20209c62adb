using Microsoft.Extensions.DependencyInjection;
using ProtoValidate;

namespace TradeGrpc.Validation.Tests;

internal static class Validators
{
    public static IValidator ProtoValidate { get; } = Build();

    private static IValidator Build()
    {
        var services = new ServiceCollection();
        services.AddProtoValidate();
        return services.BuildServiceProvider().GetRequiredService<IValidator>();
    }
}
