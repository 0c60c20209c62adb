using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradeGrpc.Commands;

/// <summary>
/// A digest of what a command asks, to tell a retry (the same command) from another command that
/// reuses its request_id. Taken of the command in the application's terms, so a command that
/// arrives over gRPC and one replayed from a data file are fingerprinted alike.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Stands for every request recorded before fingerprints were taken this way: a retry of one is taken as a retry.</summary>
    public const string Legacy = "legacy";

    private static readonly JsonSerializerOptions Canonical = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Of(object command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), Canonical)));
}
