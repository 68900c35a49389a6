namespace Tertulia.Channels.Network;

/// <summary>Outbound network policy for channels (bound from "Tertulia:Network").</summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Private, loopback or link-local addresses or CIDR ranges channels may reach anyway
    /// (e.g. "127.0.0.1", "10.0.0.0/8"). Everything else private is refused.
    /// </summary>
    public List<string> AllowedPrivateAddresses { get; set; } = [];

    /// <summary>Largest response a channel may download, in bytes.</summary>
    public long MaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long one attempt may wait for a server's answer (headers) before it is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The total time one fetch may take, from connecting to the last byte of the body, retries included. A server
    /// that trickles its answer a byte at a time is cut off here. The same rule for every channel kind.
    /// </summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a fetch may go without receiving a single byte before it is cut off.</summary>
    public TimeSpan IdleReadTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public string UserAgent { get; set; } = "Tertulia/0.1 (+https://tertulia.local; social listening)";
}
