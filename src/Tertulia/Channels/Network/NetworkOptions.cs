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

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string UserAgent { get; set; } = "Tertulia/0.1 (+https://tertulia.local; social listening)";
}
