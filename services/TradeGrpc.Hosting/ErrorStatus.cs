using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using TradeGrpc.Errors;
using TradeGrpc.Validation;

namespace TradeGrpc.Hosting;

/// <summary>
/// The one place that decides how a failure travels: the status code of each kind of domain error,
/// and a google.rpc.Status with an ErrorInfo (the reason, in this service's error domain) plus
/// BadRequest field violations, a PreconditionFailure or a RetryInfo where they apply. Domain field names are
/// turned into the request's field paths by the service's <see cref="IRequestFieldMap"/>.
/// </summary>
public sealed partial class ErrorStatus(ErrorDomain domain, IRequestFieldMap fields, ILogger<ErrorStatus> logger)
{
    private const int MaxViolations = 20;

    public RpcException ToRpcException(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case InvalidInputException invalid:
                // The message names the fields as the request does, like the violations (not as the domain does).
                var violations = invalid.Fields.Select(f => (Field: fields.ToRequestPath(context.Method, f.Field), f.Description)).ToList();
                return Build(StatusCode.InvalidArgument, invalid.Reason, string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), invalid.Metadata,
                    BadRequest(violations));
            case RuleViolationException violation:
                var failure = new PreconditionFailure();
                failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = violation.Type, Subject = violation.Subject, Description = violation.Message });
                return Build(StatusCode.FailedPrecondition, violation, failure);
            case ResourceExhaustedException exhausted:
                return Build(StatusCode.ResourceExhausted, exhausted, new RetryInfo { RetryDelay = Duration.FromTimeSpan(exhausted.RetryAfter) });
            case DomainException other:
                return Build(CodeOf(other), other);
            case InvalidRequestException request:
                // The first few violations only: a request of a thousand bad items would otherwise get trailers
                // past a client's header limit (64 KiB in .NET), a connection error that fails every call sharing it.
                var shown = request.Fields.Take(MaxViolations).ToList();
                var message = string.Join("; ", shown.Select(f => $"{f.Field}: {f.Description}"))
                    + (request.Fields.Count > shown.Count ? $"; and {request.Fields.Count - shown.Count} more" : "");
                return Build(StatusCode.InvalidArgument, request.Reason, message, new Dictionary<string, string>(),
                    BadRequest(shown.Select(f => (f.Field, f.Description))));
            case Google.Protobuf.InvalidProtocolBufferException:
                // A client-streaming call reads its messages inside the handler: one that does not parse is the caller's error, as in MalformedRequests.
                return Build(StatusCode.InvalidArgument, MalformedRequests.MalformedReason, MalformedRequests.MalformedMessage);
            // Once the call is over (its deadline passed, its caller left), what fails in its wake is that
            // end, not a fault: a cancelled wait, or a write to a response already completed (grpc-dotnet's
            // health Watch, writing a status change just as its deadline ends it).
            case OperationCanceledException or InvalidOperationException or IOException when context.CancellationToken.IsCancellationRequested:
                var expired = context.Deadline <= DateTime.UtcNow || CallDeadline.CapReached(context.GetHttpContext());
                return expired
                    ? Build(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED", "The deadline passed before the call completed.")
                    : Build(StatusCode.Cancelled, "CANCELLED", "The call was cancelled.");
            case DbException { IsTransient: true }:
                // The store did not answer: worth retrying, here or on another replica.
                LogStoreUnavailable(logger, context.Method, exception.Message);
                return Build(StatusCode.Unavailable, "STORE_UNAVAILABLE", "The service's store did not answer; try again.");
            default:
                LogUnhandled(logger, exception, context.Method);
                return Build(StatusCode.Internal, "INTERNAL", "The server failed to complete the call.");
        }
    }

    /// <summary>The status code of each kind of domain error that carries no details of its own.</summary>
    private static StatusCode CodeOf(DomainException error) => error switch
    {
        NotFoundException => StatusCode.NotFound,
        AlreadyExistsException => StatusCode.AlreadyExists,
        ConflictException => StatusCode.Aborted,
        UnavailableException => StatusCode.Unavailable,
        UnauthenticatedException => StatusCode.Unauthenticated,
        PermissionDeniedException => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    private RpcException Build(StatusCode code, DomainException error, params Google.Protobuf.IMessage[] details) =>
        Build(code, error.Reason, error.Message, error.Metadata, details);

    private RpcException Build(StatusCode code, string reason, string message) => Build(code, reason, message, new Dictionary<string, string>());

    private RpcException Build(StatusCode code, string reason, string message, IReadOnlyDictionary<string, string> metadata, params Google.Protobuf.IMessage[] details)
    {
        var info = new ErrorInfo { Reason = reason, Domain = domain.Name };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        status.Details.Add(details.Select(Any.Pack));
        return status.ToRpcException();
    }

    private static BadRequest BadRequest(IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.Add(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method}: the store did not answer ({Error})")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method);
}

/// <summary>The ErrorInfo domain of a service's errors, for example <c>tariff.tradegrpc.dev</c>.</summary>
public sealed record ErrorDomain(string Name);
