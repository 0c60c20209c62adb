using System.Security.Cryptography;
using System.Text.Json;

namespace TradeGrpc.Tariff.Domain.ExportControls;

/// <summary>A digest of what a create request asks for: a repeat of its request_id must ask for the same.</summary>
public static class RequestFingerprint
{
    public static string Of<T>(T content) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content)));
}
