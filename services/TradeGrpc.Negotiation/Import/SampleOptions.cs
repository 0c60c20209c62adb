namespace TradeGrpc.Negotiation.Import;

/// <summary>The sample talks replayed on a new store's first start (section <c>Sample</c>).</summary>
public sealed class SampleOptions
{
    public const string Section = "Sample";

    /// <summary>The script file, relative to the binary unless rooted; empty for none.</summary>
    public string File { get; set; } = "";

    /// <summary>The file's full path; null when there is none to replay.</summary>
    public string? Path => File.Length == 0 ? null : System.IO.Path.IsPathRooted(File) ? File : System.IO.Path.Combine(AppContext.BaseDirectory, File);
}
