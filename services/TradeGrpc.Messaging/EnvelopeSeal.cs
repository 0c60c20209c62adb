using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace TradeGrpc.Messaging;

/// <summary>
/// Signs and checks what goes on a replica channel (<see cref="SignedEnvelope"/>). The channel's
/// name is signed too, so that a message of one service cannot be replayed on another's channel
/// when both were given the same key.
/// </summary>
internal sealed class EnvelopeSeal(byte[] key, string channel)
{
    private readonly byte[] context = [.. Encoding.UTF8.GetBytes(channel), 0];

    public byte[] Seal(ReplicaEnvelope envelope)
    {
        var bytes = envelope.ToByteArray();
        return new SignedEnvelope { Envelope = ByteString.CopyFrom(bytes), Mac = ByteString.CopyFrom(Mac(bytes)) }.ToByteArray();
    }

    /// <summary>The bytes of the envelope inside <paramref name="message"/>, or null when this key did not sign them.</summary>
    public byte[]? Open(byte[] message)
    {
        SignedEnvelope signed;
        try
        {
            signed = SignedEnvelope.Parser.ParseFrom(message);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }

        var bytes = signed.Envelope.ToByteArray();
        return CryptographicOperations.FixedTimeEquals(signed.Mac.Span, Mac(bytes)) ? bytes : null;
    }

    private byte[] Mac(byte[] envelope) => HMACSHA256.HashData(key, (byte[])[.. context, .. envelope]);
}
