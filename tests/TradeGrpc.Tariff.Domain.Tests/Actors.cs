using TradeGrpc.Identity;

namespace TradeGrpc.Tariff.Domain.Tests;

/// <summary>Who asks and who decides in these tests.</summary>
internal static class Actors
{
    public static readonly Actor Importer = new("pat", "Acme Drives", CredentialKind.Token);

    public static readonly Actor Officer = new("lee", "USTR", CredentialKind.Token);
}
