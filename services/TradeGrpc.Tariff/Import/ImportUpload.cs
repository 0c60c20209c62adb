using System.IO.Compression;
using System.Security.Cryptography;
using Grpc.Core;
using TradeGrpc.Tariff.V1;
using TradeGrpc.Validation;

namespace TradeGrpc.Tariff.Import;

/// <summary>What one ImportTariffData call may send (section <c>Import</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>The most bytes one upload may send, as sent: 64 MiB (the USITC 2017 file is 0.4 MB gzipped, 6.4 MB plain).</summary>
    public long MaxUploadBytes { get; set; } = 64L << 20;

    /// <summary>The most bytes the file may hold once decompressed: 64 MiB, so a small gzip bomb stops there.</summary>
    public long MaxFileBytes { get; set; } = 64L << 20;
}

/// <summary>
/// One ImportTariffData upload, taken from the stream into a temporary file (deleted when this is
/// disposed) and checked against its header before anything reads it: no more bytes than the
/// header states and the options allow, all of them, with the stated SHA-256. Memory holds one
/// chunk at a time, whatever the file's size.
/// </summary>
public sealed class ImportUpload : IAsyncDisposable
{
    private readonly FileStream file;
    private readonly long maxFileBytes;

    private ImportUpload(ImportHeader header, FileStream file, long maxFileBytes) => (Header, this.file, this.maxFileBytes) = (header, file, maxFileBytes);

    public ImportHeader Header { get; }

    public static async Task<ImportUpload> ReceiveAsync(IAsyncStreamReader<ImportTariffDataRequest> requests, ImportOptions options, CancellationToken cancellationToken)
    {
        if (!await requests.MoveNext(cancellationToken) || requests.Current.PartCase != ImportTariffDataRequest.PartOneofCase.Header)
        {
            throw new InvalidRequestException("HEADER_FIRST", new RequestFieldError("header", "the first message must be the header"));
        }

        var header = requests.Current.Header;
        if (header.SizeBytes > options.MaxUploadBytes)
        {
            throw new InvalidRequestException("UPLOAD_TOO_LARGE", new RequestFieldError("header.size_bytes",
                $"states {header.SizeBytes} bytes; this service takes at most {options.MaxUploadBytes} in one upload"));
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"tradegrpc-import-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var upload = new ImportUpload(header, file, options.MaxFileBytes);
        try
        {
            await upload.FillAsync(requests, cancellationToken);
            return upload;
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    /// <summary>The file's bytes, decompressed when the header says gzip; reading past <c>MaxFileBytes</c> is INVALID_ARGUMENT.</summary>
    public Stream Open() => new CappedStream(Header.Gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file, maxFileBytes);

    public ValueTask DisposeAsync() => file.DisposeAsync();

    private async Task FillAsync(IAsyncStreamReader<ImportTariffDataRequest> requests, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long received = 0;
        while (await requests.MoveNext(cancellationToken))
        {
            if (requests.Current.PartCase != ImportTariffDataRequest.PartOneofCase.Chunk)
            {
                throw new InvalidRequestException("ONE_HEADER", new RequestFieldError("header", "only the first message may be a header"));
            }

            var chunk = requests.Current.Chunk.Memory;
            received += chunk.Length;
            if (received > Header.SizeBytes)
            {
                throw new InvalidRequestException("SIZE_MISMATCH", new RequestFieldError("chunk", $"the chunks hold more than the {Header.SizeBytes} bytes header.size_bytes states"));
            }

            sha.AppendData(chunk.Span);
            await file.WriteAsync(chunk, cancellationToken);
        }

        if (received != Header.SizeBytes)
        {
            throw new InvalidRequestException("SIZE_MISMATCH", new RequestFieldError("header.size_bytes",
                $"states {Header.SizeBytes} bytes, but the stream ended after {received}"));
        }

        var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (digest != Header.Sha256)
        {
            throw new InvalidRequestException("SHA256_MISMATCH", new RequestFieldError("header.sha256", $"the bytes received have SHA-256 {digest}"));
        }

        file.Position = 0;
    }

    /// <summary>A read-only stream that refuses to yield more than a number of bytes.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int bytes)
        {
            read += bytes;
            return read <= cap
                ? bytes
                : throw new InvalidRequestException("FILE_TOO_LARGE", new RequestFieldError("chunk", $"the file holds more than {cap} bytes once decompressed"));
        }
    }
}
