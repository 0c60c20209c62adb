using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace TradeGrpc.ServiceDefaults.Errors;

/// <summary>Builds the google.rpc.Status that every error of a service carries.</summary>
public sealed class ErrorDetails(string domain)
{
    public string Domain { get; } = domain;

    public RpcException ToRpcException(DomainException error)
    {
        var info = new ErrorInfo { Reason = error.Reason, Domain = Domain };
        foreach (var (key, value) in error.Metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)error.Code,
            Message = error.Message,
            Details = { Any.Pack(info) },
        };
        if (error.FieldProblems.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(error.FieldProblems.Select(p =>
                new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        if (error.PreconditionProblems.Count > 0)
        {
            var failure = new PreconditionFailure();
            failure.Violations.Add(error.PreconditionProblems.Select(p =>
                new PreconditionFailure.Types.Violation { Type = p.Type, Subject = p.Subject, Description = p.Description }));
            status.Details.Add(Any.Pack(failure));
        }

        return status.ToRpcException();
    }

    /// <summary>A status for a failure that is not a domain rule: a code and a reason, no internals.</summary>
    public RpcException ToRpcException(StatusCode code, string reason, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        }.ToRpcException();
}
