using Tertulia.Ingestion;
using Tertulia.Listening;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Which posts of the firehose belong to a brand: those that mention it (a mention facet with its DID, or its
/// @handle in the text), its own posts (its answers), replies to its posts, and posts that match the workspace's
/// listening queries. Not thread-safe: one per listening connection.
/// </summary>
public sealed class BlueskyInterest(string brandDid, string brandHandle, QuerySet? queries, string? channelLabel = null)
{
    private readonly string _handleMention = "@" + brandHandle;
    private readonly MentionScan? _scan = queries?.NewScan();
    private readonly List<int> _matched = [];

    public string BrandDid => brandDid;

    public bool Wants(FirehosePost post)
    {
        if (post.AuthorDid == brandDid || post.MentionedDids.Contains(brandDid))
        {
            return true;
        }
        if (post.ReplyParent is { } parent && AtUri.Authority(parent.Uri) == brandDid
            || post.ReplyRoot is { } root && AtUri.Authority(root.Uri) == brandDid)
        {
            return true;
        }
        if (post.Text.Contains(_handleMention, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (queries is null || _scan is null)
        {
            return false;
        }
        _matched.Clear();
        queries.Match(new MentionDocument(null, post.Text) { Language = post.Language, Channel = channelLabel }, _scan, _matched);
        return _matched.Count > 0;
    }

    /// <summary>Reads every post of a frame and keeps the wanted ones as items (handles not resolved yet).</summary>
    public void Select(FirehoseFrame frame, List<FirehosePost> wanted)
    {
        foreach (var post in frame.Posts)
        {
            if (Wants(post))
            {
                wanted.Add(post);
            }
        }
    }

    public static IncomingItem ToItem(FirehosePost post, string? authorHandle)
    {
        var did = post.AuthorDid;
        var profile = "https://bsky.app/profile/" + did;
        return new IncomingItem
        {
            ExternalId = post.Uri,
            Url = $"{profile}/post/{AtUri.RecordKey(post.Uri)}",
            Author = authorHandle is null ? did : "@" + authorHandle,
            AuthorUrl = profile,
            Published = post.CreatedAt,
            Text = post.Text,
            Language = post.Language,
            ParentExternalId = post.ReplyParent?.Uri,
            IsComment = post.ReplyParent is not null,
        };
    }
}
