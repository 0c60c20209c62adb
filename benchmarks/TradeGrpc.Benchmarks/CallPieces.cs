using Google.Protobuf;
using ProtoValidate;
using TradeGrpc.Validation;

namespace TradeGrpc.Benchmarks;

/// <summary>The pieces of one RPC's server time that the pieces suite measures, on a request and the answer the handler gave it.</summary>
internal interface ICallPieces
{
    int RequestBytes { get; }

    int ResponseBytes { get; }

    /// <summary>The checks the validation interceptor makes on every request: no control characters in its text, and the fast path's verdict.</summary>
    bool Check();

    /// <summary>The protovalidate check the validation interceptor makes when the fast path cannot vouch for a request.</summary>
    ValidationResult Validate();

    /// <summary>The handler, called directly: message to domain, the domain, domain to message.</summary>
    Task HandleAsync();

    /// <summary>Serializing and parsing the request and the response: each end of a call does one of each.</summary>
    IMessage SerializeAndParse();
}

/// <summary>An <see cref="ICallPieces"/> of one request type, made by <see cref="CallPieces.PrepareAsync"/>.</summary>
internal sealed class CallPieces<TRequest, TResponse>(
    TRequest request, TResponse response, Func<TRequest, Task<TResponse>> handler, FastValidator fast, IValidator validator) : ICallPieces
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>, new()
{
    private readonly MessageParser<TRequest> requests = new(() => new TRequest());
    private readonly MessageParser<TResponse> responses = new(() => new TResponse());

    public int RequestBytes => request.CalculateSize();

    public int ResponseBytes => response.CalculateSize();

    public bool Check() => ControlCharacters.Find(request).Count == 0 && fast.IsCertainlyValid(request);

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
    /// request is valid and the fast path vouches for it, so that the pieces are those of a call the
    /// service answers, checked as the service checks it.
    /// </summary>
    public static async Task<ICallPieces> PrepareAsync<TRequest, TResponse>(
        TRequest request, Func<TRequest, Task<TResponse>> handler, FastValidator fast, IValidator validator)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var violations = validator.Validate(request, false).Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} is not valid: {string.Join("; ", violations)}");
        }

        var pieces = new CallPieces<TRequest, TResponse>(request, await handler(request), handler, fast, validator);
        return pieces.Check() ? pieces : throw new InvalidOperationException($"the fast path does not vouch for {typeof(TRequest).Name}, so the service would run protovalidate on it");
    }
}
