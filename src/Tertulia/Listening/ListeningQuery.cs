namespace Tertulia.Listening;

/// <summary>What a workspace listens for: its brand, products, competitors. For now a keyword list.</summary>
public sealed class ListeningQuery
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>Keywords, one per line or comma separated; a mention matches when it contains any of them.</summary>
    public required string Keywords { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
