using TradeGrpc.Errors;
using TradeGrpc.Identity;

namespace TradeGrpc.Negotiation.Application;

/// <summary>Who may record what for whom: a negotiator whose token names a party records that party's positions and commitments only.</summary>
internal static class Speakers
{
    /// <summary>Fails unless the caller may record for <paramref name="party"/>.</summary>
    public static void RequireFor(string party)
    {
        var caller = Caller.Current;
        if (!caller.SpeaksFor(party))
        {
            throw new PermissionDeniedException(Permissions.TalksWrite,
                $"'{caller.Actor.Subject}' speaks for {caller.Party}; recording for {party} needs a token of {party}, or one that names no party.");
        }
    }

    /// <summary>Fails unless the caller may make commitments official.</summary>
    public static void RequireOfficial()
    {
        var caller = Caller.Current;
        if (!caller.Has(Permissions.CommitmentsOfficiate))
        {
            throw new PermissionDeniedException(Permissions.CommitmentsOfficiate,
                $"Recording a commitment as OFFICIAL needs the permission {Permissions.CommitmentsOfficiate}, which '{caller.Actor.Subject}' does not hold.");
        }
    }
}
