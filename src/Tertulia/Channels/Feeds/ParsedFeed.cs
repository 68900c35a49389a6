using Tertulia.Ingestion;

namespace Tertulia.Channels.Feeds;

/// <summary>A feed as read from one document: its entries, the per-post comment feeds they announce, and what was skipped.</summary>
public sealed record ParsedFeed(
    string? Title,
    FeedFormat Format,
    IReadOnlyList<IncomingItem> Items,
    IReadOnlyList<CommentFeedLink> CommentFeeds,
    IReadOnlyList<SkippedItem> Skipped);

/// <summary>A post's own comment feed (wfw:commentRss in WordPress, rel="replies" in Blogger).</summary>
public sealed record CommentFeedLink(string PostExternalId, string Url, DateTimeOffset? PostPublished);

public enum FeedFormat
{
    Rss20,
    Atom10,
}
