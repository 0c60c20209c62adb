using Google.Protobuf;
using ProtoValidate;

namespace TradeGrpc.Benchmarks;

/// <summary>The pieces of one RPC's server time that the pieces suite measures, on a request and the answer the handler gave it.</summary>
internal interface ICallPieces
{
    int RequestBytes { get; }

    int ResponseBytes { get; }

    /// <summary>The protovalidate check the validation interceptor makes when the fast path cannot vouch for a request.</summary>
    ValidationResult Validate();

    /// <summary>The handler, called directly: message to domain, the domain, domain to message.</summary>
    Task HandleAsync();

    /// <summary>Serializing and parsing the request and the response: each end of a call does one of each.</summary>
    IMessage SerializeAndParse();
}

/// <summary>An <see cref="ICallPieces"/> of one request type, made by <see cref="CallPieces.PrepareAsync"/>.</summary>
internal sealed class CallPieces<TRequest, TResponse>(
    TRequest request, TResponse response, Func<TRequest, Task<TResponse>> handler, IValidator validator) : ICallPieces
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>, new()
{
    private readonly MessageParser<TRequest> requests = new(() => new TRequest());
    private readonly MessageParser<TResponse> responses = new(() => new TResponse());

    public int RequestBytes => request.CalculateSize();

    public int ResponseBytes => response.CalculateSize();

    public ValidationResult Validate() => validator.Validate(request, false);

    public Task HandleAsync() => handler(request);

    public IMessage SerializeAndParse()
    {
        requests.ParseFrom(request.ToByteArray());
        return responses.ParseFrom(response.ToByteArray());
    }
}

internal static class CallPieces
{
    /// <summary>
    /// Calls the handler once for the response the message piece serializes, and fails unless the
    /// request is valid, so that the pieces are those of a call the service answers.
    /// </summary>
    public static async Task<ICallPieces> PrepareAsync<TRequest, TResponse>(
        TRequest request, Func<TRequest, Task<TResponse>> handler, IValidator validator)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var violations = validator.Validate(request, false).Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} is not valid: {string.Join("; ", violations)}");
        }

        return new CallPieces<TRequest, TResponse>(request, await handler(request), handler, validator);
    }
}
