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
    /// <summary>What the query listens for: the brand itself, a competitor, or a topic (share of voice compares brand and competitors).</summary>
    public QueryRole Role { get; set; } = QueryRole.Topic;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A listening query's part in share of voice.</summary>
public enum QueryRole
{
    /// <summary>A subject the business follows (masa madre, alérgenos): counted, not a voice.</summary>
    Topic = 0,
    /// <summary>The business itself.</summary>
    Brand = 1,
    /// <summary>Another business the brand competes with.</summary>
    Competitor = 2,
}
