using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// Listens to a blog or news feed (RSS 2.0 / Atom) and to the comment feeds of its recent posts.
/// The channel's cursor remembers each comment feed with its own validators, so unchanged
/// comment feeds cost one 304 each.
/// </summary>
public sealed class FeedAdapter(FeedFetcher fetcher) : IChannelAdapter
{
    /// <summary>Comment feeds followed: those of the most recent posts.</summary>
    public const int FollowedCommentFeeds = 25;

    public ChannelKind Kind => ChannelKind.Feed;

    public async Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct)
    {
        var cursor = FeedCursor.Parse(channel.Cursor);
        var main = await fetcher.FetchAsync(channel.Source, channel.ETag, channel.LastModified, ct);
        var items = new List<IncomingItem>();
        var skipped = new List<SkippedItem>();
        if (main.Feed is { } feed)
        {
            items.AddRange(feed.Items.Select(i => feed.Undated.Contains(i.ExternalId) ? i with { Undated = true } : i));
            skipped.AddRange(feed.Skipped);
            foreach (var link in feed.CommentFeeds)
            {
                cursor.Follow(link);
            }
            cursor.KeepMostRecent(FollowedCommentFeeds);
        }

        foreach (var comments in cursor.CommentFeeds)
        {
            try
            {
                var fetched = await fetcher.FetchAsync(comments.Url, comments.ETag, comments.LastModified, ct);
                if (fetched.Feed is { } commentFeed)
                {
                    items.AddRange(commentFeed.Items.Select(c => c with
                    {
                        Undated = commentFeed.Undated.Contains(c.ExternalId),
                        IsComment = true,
                        Title = null,
                        ParentExternalId = c.ParentExternalId ?? comments.PostExternalId,
                    }));
                    skipped.AddRange(commentFeed.Skipped.Select(s => s with { Where = $"{comments.Url} {s.Where}" }));
                }
                comments.ETag = fetched.ETag;
                comments.LastModified = fetched.LastModified;
            }
            catch (ChannelException ex)
            {
                // One broken comment feed must not hold back the posts and the other comments.
                skipped.Add(new SkippedItem($"comments of {comments.Url}", ex.Message));
            }
        }

        return new ChannelPoll(items, skipped, new ChannelPosition(main.ETag, main.LastModified, cursor.ToJson()));
    }
}

/// <summary>The feed adapter's position: the comment feeds it follows and their validators.</summary>
internal sealed class FeedCursor
{
    public List<CommentFeedState> CommentFeeds { get; set; } = [];

    public sealed class CommentFeedState
    {
        public required string PostExternalId { get; set; }
        public required string Url { get; set; }
        public DateTimeOffset? PostPublished { get; set; }
        public string? ETag { get; set; }
        public string? LastModified { get; set; }
    }

    public static FeedCursor Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new FeedCursor();
        }
        try
        {
            return JsonSerializer.Deserialize<FeedCursor>(json) ?? new FeedCursor();
        }
        catch (JsonException)
        {
            return new FeedCursor();
        }
    }

    public void Follow(CommentFeedLink link)
    {
        if (CommentFeeds.Any(c => c.Url == link.Url))
        {
            return;
        }
        CommentFeeds.Add(new CommentFeedState { PostExternalId = link.PostExternalId, Url = link.Url, PostPublished = link.PostPublished });
    }

    public void KeepMostRecent(int count)
    {
        CommentFeeds = CommentFeeds.OrderByDescending(c => c.PostPublished ?? DateTimeOffset.MinValue).Take(count).ToList();
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
