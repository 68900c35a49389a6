namespace Tertulia.Channels.Bluesky;

/// <summary>Tertulia:Bluesky settings.</summary>
public sealed class BlueskyOptions
{
    /// <summary>Where did:plc documents are read (authors' handles): the public PLC directory, or a local one for tests.</summary>
    public string PlcDirectory { get; set; } = "https://plc.directory";
}
