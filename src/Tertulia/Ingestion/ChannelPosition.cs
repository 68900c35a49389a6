namespace Tertulia.Ingestion;

/// <summary>
/// Where a channel has read up to. The pipeline saves it in the same transaction as the items it covers,
/// so a crash between fetching and storing re-reads the items instead of losing them.
/// </summary>
public sealed record ChannelPosition(string? ETag, string? LastModified, string? Cursor);

public sealed record IngestResult(int Received, int Added, int Duplicates)
{
    public static readonly IngestResult None = new(0, 0, 0);
    public IngestResult Plus(IngestResult other) =>
        new(Received + other.Received, Added + other.Added, Duplicates + other.Duplicates);
}
