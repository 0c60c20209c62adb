using Grpc.Core;

namespace TradeGrpc.ServiceDefaults.Errors;

/// <summary>A field of the request and what is wrong with it.</summary>
public sealed record FieldProblem(string Field, string Description);

/// <summary>A precondition that does not hold: its type, its subject and why.</summary>
public sealed record PreconditionProblem(string Type, string Subject, string Description);

/// <summary>
/// A foreseeable failure of a domain rule. The error interceptor turns it into a
/// google.rpc.Status with an ErrorInfo carrying <see cref="Reason"/> and, where they apply,
/// BadRequest or PreconditionFailure details.
/// </summary>
public sealed class DomainException : Exception
{
    private DomainException(StatusCode code, string reason, string message) : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public StatusCode Code { get; }

    /// <summary>UPPER_SNAKE_CASE reason, stable for clients to switch on.</summary>
    public string Reason { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; private init; } = new Dictionary<string, string>();

    public IReadOnlyList<FieldProblem> FieldProblems { get; private init; } = [];

    public IReadOnlyList<PreconditionProblem> PreconditionProblems { get; private init; } = [];

    public static DomainException InvalidArgument(string reason, params FieldProblem[] problems) =>
        new(StatusCode.InvalidArgument, reason, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}")))
        {
            FieldProblems = problems,
        };

    public static DomainException NotFound(string reason, string resourceName) =>
        new(StatusCode.NotFound, reason, $"{resourceName} was not found.")
        {
            Metadata = new Dictionary<string, string> { ["resource"] = resourceName },
        };

    public static DomainException AlreadyExists(string reason, string resourceName, string message) =>
        new(StatusCode.AlreadyExists, reason, message)
        {
            Metadata = new Dictionary<string, string> { ["resource"] = resourceName },
        };

    public static DomainException FailedPrecondition(string reason, PreconditionProblem problem) =>
        new(StatusCode.FailedPrecondition, reason, problem.Description)
        {
            PreconditionProblems = [problem],
        };

    public static DomainException Aborted(string reason, string resourceName, string message) =>
        new(StatusCode.Aborted, reason, message)
        {
            Metadata = new Dictionary<string, string> { ["resource"] = resourceName },
        };

    public static DomainException Unavailable(string reason, string message) =>
        new(StatusCode.Unavailable, reason, message);
}
