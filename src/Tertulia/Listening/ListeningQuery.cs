namespace Tertulia.Listening;

/// <summary>What a workspace listens for — its brand, products, competitors — written in the listening query language.</summary>
public sealed class ListeningQuery
{
    public const int MaxNameLength = 200;

    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>The query, e.g. <c>"Horno El Candeal" OR (candeal NEAR/3 pan) -site:candeal-sa.example</c>; see docs/listening-queries.md.</summary>
    public required string Expression { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
