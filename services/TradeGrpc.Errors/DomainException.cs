namespace TradeGrpc.Errors;

/// <summary>
/// A foreseeable failure: a rule of the domain does not hold, or something it needs is missing.
/// It carries a stable <see cref="Reason"/> for clients to switch on and names fields in the
/// domain's own terms; the host decides how it travels.
/// </summary>
public abstract class DomainException(string reason, string message) : Exception(message)
{
    /// <summary>UPPER_SNAKE_CASE reason, stable for clients to switch on.</summary>
    public string Reason { get; } = reason;

    /// <summary>Facts a client may read alongside the reason, such as the resource concerned.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    protected static Dictionary<string, string> Naming(string resource) => new() { ["resource"] = resource };
}

/// <summary>A field of the input and what is wrong with it; <see cref="Field"/> is a path such as <c>Lines[2].HtsCode</c>.</summary>
public sealed record FieldError(string Field, string Description);

/// <summary>The input breaks a rule: each field at fault and why.</summary>
public sealed class InvalidInputException(string reason, params FieldError[] fields)
    : DomainException(reason, string.Join("; ", fields.Select(f => $"{f.Field}: {f.Description}")))
{
    public IReadOnlyList<FieldError> Fields { get; } = fields;
}

/// <summary>A resource the input names does not exist.</summary>
public sealed class NotFoundException : DomainException
{
    public NotFoundException(string reason, string resource) : base(reason, $"{resource} was not found.")
    {
        Resource = resource;
        Metadata = Naming(resource);
    }

    public string Resource { get; }
}

/// <summary>What the input would create exists already.</summary>
public sealed class AlreadyExistsException : DomainException
{
    public AlreadyExistsException(string reason, string resource, string message) : base(reason, message)
    {
        Resource = resource;
        Metadata = Naming(resource);
    }

    public string Resource { get; }
}

/// <summary>The resource is not in a state the change needs, for example a round that has ended.</summary>
/// <param name="reason">The reason.</param>
/// <param name="type">What kind of condition fails, for example <c>STATE</c>.</param>
/// <param name="subject">The resource the condition is about.</param>
/// <param name="description">Why, in words.</param>
public sealed class RuleViolationException(string reason, string type, string subject, string description)
    : DomainException(reason, description)
{
    public string Type { get; } = type;

    public string Subject { get; } = subject;
}

/// <summary>The resource changed under the caller (another writer, or an etag that is not current): read it again and retry.</summary>
public sealed class ConflictException : DomainException
{
    public ConflictException(string reason, string resource, string message) : base(reason, message)
    {
        Resource = resource;
        Metadata = Naming(resource);
    }

    public string Resource { get; }
}

/// <summary>Something the change needs does not answer now (another service, the store): worth retrying.</summary>
public sealed class UnavailableException(string reason, string message) : DomainException(reason, message);

/// <summary>The call has no caller this service can trust: no credentials, or credentials that do not hold.</summary>
/// <param name="reason">Why, for example <c>TOKEN_EXPIRED</c>.</param>
/// <param name="message">Why, in words.</param>
public sealed class UnauthenticatedException(string reason, string message) : DomainException(reason, message);

/// <summary>The caller is known but lacks the permission the call needs.</summary>
public sealed class PermissionDeniedException : DomainException
{
    public PermissionDeniedException(string permission, string message) : base("PERMISSION_DENIED", message)
    {
        Permission = permission;
        Metadata = new Dictionary<string, string> { ["permission"] = permission };
    }

    public string Permission { get; }
}

/// <summary>The caller has used up a limit on what one caller may do (calls per second, open watches); it may try again after <paramref name="retryAfter"/>.</summary>
/// <param name="reason">Which limit, for example <c>RATE_LIMITED</c>.</param>
/// <param name="message">Which limit and its size, in words.</param>
/// <param name="retryAfter">How long to wait before the next attempt may pass.</param>
public sealed class ResourceExhaustedException(string reason, string message, TimeSpan retryAfter) : DomainException(reason, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
