using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
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

    /// <summary>
    /// The handler, called directly as for a gRPC call: message to domain, the domain, and its answer (for QuoteDuty, one
    /// that stands for the quote until <see cref="WriteAnswer"/>'s part writes it).
    /// </summary>
    Task HandleAsync();

    /// <summary>Serializing and parsing the request and the response: each end of a call does one of each.</summary>
    IMessage SerializeAndParse();

    /// <summary>Making the answer the handler gives a gRPC call and writing it as the service does: with the response marshaller its binding gives the method.</summary>
    int WriteAnswer();
}

/// <summary>
/// An <see cref="ICallPieces"/> of one request type, made by <see cref="CallPieces.PrepareAsync"/>: <paramref name="response"/> is
/// the whole message (what a client parses); <paramref name="answer"/> makes from it what the handler gives a gRPC call,
/// which <paramref name="writeAnswer"/> writes.
/// </summary>
internal sealed class CallPieces<TRequest, TResponse>(
    TRequest request, TResponse response, Func<TRequest, Task<TResponse>> handler, Func<TResponse, TResponse> answer, Action<TResponse, SerializationContext> writeAnswer,
    FastValidator fast, IValidator validator) : ICallPieces
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>, new()
{
    private readonly MessageParser<TRequest> requests = new(() => new TRequest());
    private readonly MessageParser<TResponse> responses = new(() => new TResponse());

    private readonly AnswerBuffer written = new();

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

    public int WriteAnswer()
    {
        written.Clear();
        writeAnswer(answer(response), written);
        return written.Written.Length;
    }

    /// <summary>Whether <see cref="WriteAnswer"/> writes what the generated code writes for the whole message.</summary>
    public bool AnswersAsGenerated()
    {
        WriteAnswer();
        return written.Written.SequenceEqual(response.ToByteArray());
    }

    /// <summary>A call's serialization context, kept for the next answer.</summary>
    private sealed class AnswerBuffer : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> output = new();

        public ReadOnlySpan<byte> Written => output.WrittenSpan;

        public void Clear() => output.ResetWrittenCount();

        public override IBufferWriter<byte> GetBufferWriter() => output;

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override void Complete()
        {
        }

        /// <summary>An answer written before, handed over whole (LookupRates'): the server copies it to the call as this does.</summary>
        public override void Complete(byte[] payload) => output.Write(payload);
    }
}

internal static class CallPieces
{
    /// <summary>
    /// Calls <paramref name="whole"/> once for the response the message piece serializes, and fails unless the
    /// request is valid and the fast path vouches for it, so that the pieces are those of a call the
    /// service answers, checked as the service checks it; and unless the answer written is that response's bytes.
    /// </summary>
    public static async Task<ICallPieces> PrepareAsync<TRequest, TResponse>(
        TRequest request, Func<TRequest, Task<TResponse>> handler, Func<TRequest, Task<TResponse>> whole, Func<TResponse, TResponse> answer,
        Action<TResponse, SerializationContext> writeAnswer, FastValidator fast, IValidator validator)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var violations = validator.Validate(request, false).Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} is not valid: {string.Join("; ", violations)}");
        }

        var response = await whole(request);
        var pieces = new CallPieces<TRequest, TResponse>(request, response, handler, answer, writeAnswer, fast, validator);
        return !pieces.Check() ? throw new InvalidOperationException($"the fast path does not vouch for {typeof(TRequest).Name}, so the service would run protovalidate on it")
            : !pieces.AnswersAsGenerated() ? throw new InvalidOperationException($"the service's {typeof(TResponse).Name} is not what its generated code writes")
            : pieces;
    }
}
