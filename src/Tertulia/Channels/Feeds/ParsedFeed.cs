using Tertulia.Ingestion;

namespace Tertulia.Channels.Feeds;

/// <summary>A feed as read from one document: its entries, the per-post comment feeds they announce, and what was skipped.</summary>
public sealed record ParsedFeed(
    string? Title,
    FeedFormat Format,
    IReadOnlyList<IncomingItem> Items,
    IReadOnlyList<CommentFeedLink> CommentFeeds,
    IReadOnlyList<SkippedItem> Skipped)
{
    /// <summary>
    /// External ids of the items that carry no date they could be read by: the pipeline dates them when it first
    /// sees them (the ingestion time), which is all anyone can know.
    /// </summary>
    public IReadOnlySet<string> Undated { get; init; } = new HashSet<string>();
}

/// <summary>A post's own comment feed (wfw:commentRss in WordPress, rel="replies" in Blogger).</summary>
public sealed record CommentFeedLink(string PostExternalId, string Url, DateTimeOffset? PostPublished);

/// <summary>The format a document was recognised as, by its content (never by Content-Type or file name).</summary>
public enum FeedFormat
{
    Rss20,
    /// <summary>RSS 0.91 to 0.94 (Netscape and UserLand).</summary>
    Rss09,
    /// <summary>RSS 1.0 and 0.90: RDF documents, items beside the channel.</summary>
    Rss10,
    Atom10,
    Atom03,
    JsonFeed10,
    JsonFeed11,
}
