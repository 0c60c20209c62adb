using TradeGrpc.Identity;

namespace TradeGrpc.Hosting;

/// <summary>Actors as the contracts carry them.</summary>
public static class ProtoActors
{
    public static Identity.V1.Actor ToMessage(this Actor actor) =>
        new() { Subject = actor.Subject, Organisation = actor.Organisation, Credential = (Identity.V1.CredentialKind)actor.Credential };
}
