using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ProtoValidate;

namespace TradeGrpc.Validation;

/// <summary>
/// Checks every request message against the protovalidate rules in its proto and, before a handler runs,
/// throws an <see cref="InvalidRequestException"/> naming each failing field. Protovalidate
/// runs only when the <see cref="FastValidator"/> cannot vouch for the message, so its verdicts stay exact.
/// </summary>
public sealed class ValidationInterceptor(FastValidator fast, IValidator validator) : Interceptor
{
    private const string PatternDescription = "does not match the pattern of its field: a pattern matches the whole text, and no pattern takes a final line break";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingReader<TRequest>(requestStream, this), context);

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingReader<TRequest>(requestStream, this), responseStream, context);

    private void Validate<TRequest>(TRequest request)
    {
        if (request is not IMessage message)
        {
            return;
        }

        if (ControlCharacters.Find(message) is { Count: > 0 } controlled)
        {
            throw new InvalidRequestException("INVALID_REQUEST", [.. controlled.Select(f => new RequestFieldError(f, ControlCharacters.Description))]);
        }

        if (fast.IsCertainlyValid(message))
        {
            return;
        }

        var result = validator.Validate(message, false);
        if (result.Violations.Count > 0)
        {
            throw new InvalidRequestException("INVALID_REQUEST", [.. result.Violations.Select(v => new RequestFieldError(FieldPaths.Format(v.Field), v.Message))]);
        }

        // Protovalidate-net matches patterns with .NET's `$`, which also matches before a final "\n";
        // the fast checks read them as RE2 does, as the contract means them, so their failures stand.
        if (fast.Failures(message) is { Count: > 0 } failures)
        {
            throw new InvalidRequestException("INVALID_REQUEST", [.. failures.Select(f => new RequestFieldError(f, PatternDescription))]);
        }
    }

    private sealed class ValidatingReader<T>(IAsyncStreamReader<T> inner, ValidationInterceptor owner) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            owner.Validate(inner.Current);
            return true;
        }
    }
}
