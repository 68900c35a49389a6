using Tertulia.Understanding;

namespace Tertulia.Mentions;

/// <summary>Full-text search over a workspace's mentions, newest or most relevant first. Each store brings its own engine.</summary>
public interface IMentionSearch
{
    Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct);
}

/// <summary>Which mentions to list: <see cref="Query"/> is a listening query (plain words work too), null for all.</summary>
public sealed record MentionFilter(int WorkspaceId, Tertulia.Listening.QueryNode? Query, int Page = 1, int PageSize = 20)
{
    public int? ChannelId { get; init; }
    /// <summary>Only posts and top-level items (no comments), e.g. for a blog view.</summary>
    public bool TopLevelOnly { get; init; }
    public int? QueryId { get; init; }
    public Sentiment? Sentiment { get; init; }
    public Intent? Intent { get; init; }
    /// <summary>ISO 639-1 code, e.g. "es".</summary>
    public string? Language { get; init; }
    /// <summary>true: only spam; false: no spam; null: both.</summary>
    public bool? Spam { get; init; }
    /// <summary>Newest first (the default), or the best matches of <see cref="Query"/> first.</summary>
    public MentionOrder Order { get; init; }
    /// <summary>Only mentions published at or after this instant (a dashboard period's start).</summary>
    public DateTimeOffset? PublishedFrom { get; init; }
    /// <summary>Only mentions published before this instant (a dashboard period's end, excluded).</summary>
    public DateTimeOffset? PublishedBefore { get; init; }
    /// <summary>Only the customers' mentions, or only the brand's (see <see cref="MentionSide"/>); null: both.</summary>
    public MentionSide? Side { get; init; }

    public int Skip => (Math.Max(Page, 1) - 1) * PageSize;
}

/// <summary>
/// How a page of results is ordered. Both stores return the same mentions for a query; with
/// <see cref="Relevance"/> each ranks them with its own engine (FTS5's bm25 on SQLite; ts_rank_cd over a Spanish-stemmed,
/// unaccented tsvector on PostgreSQL), the newest first among equals. Without words to rank by it is newest first.
/// </summary>
public enum MentionOrder
{
    Newest,
    Relevance,
}

/// <summary>
/// Who wrote a mention, as the insights count it: the brand (its own account's contact, or an answer the inbox sent)
/// or a customer (anybody else).
/// </summary>
public enum MentionSide
{
    Customers,
    Brand,
}

/// <summary>The names of <see cref="MentionOrder"/> in links and in the API's <c>sort</c> parameter.</summary>
public static class MentionOrders
{
    public static string Name(MentionOrder order) => order == MentionOrder.Relevance ? "relevance" : "newest";

    public static bool TryParse(string? name, out MentionOrder order)
    {
        order = MentionOrder.Newest;
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "newest":
                return true;
            case "relevance":
                order = MentionOrder.Relevance;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>A mention's id and how well it answers a query (higher is better): what a store's ranking gives.</summary>
public sealed class MentionRank
{
    public long Id { get; set; }
    public double Rank { get; set; }
}

/// <summary>
/// A page of results. <see cref="Total"/> is exact unless <see cref="TotalIsLowerBound"/>: then there are at least
/// that many (counting every match of a common word is what made search slow; see docs/performance.md).
/// </summary>
public sealed record MentionPage(IReadOnlyList<Mention> Items, int Total, bool TotalIsLowerBound = false);
