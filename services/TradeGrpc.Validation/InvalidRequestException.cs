namespace TradeGrpc.Validation;

/// <summary>A field of a request, named as the wire names it (<c>lines[0].hts_code</c>), and what is wrong with it.</summary>
public sealed record RequestFieldError(string Field, string Description);

/// <summary>
/// A request that is not well formed: it breaks a rule of its proto, or a value does not read as
/// what it stands for (a date that is no calendar day, a page token this service did not issue).
/// Unlike a domain error it names fields as the request does.
/// </summary>
public sealed class InvalidRequestException(string reason, params RequestFieldError[] fields)
    : Exception(string.Join("; ", fields.Select(f => $"{f.Field}: {f.Description}")))
{
    public string Reason { get; } = reason;

    public IReadOnlyList<RequestFieldError> Fields { get; } = fields;
}
