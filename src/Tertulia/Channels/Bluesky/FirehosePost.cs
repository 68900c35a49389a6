using Tertulia.Channels.Bluesky.AtProto;

namespace Tertulia.Channels.Bluesky;

/// <summary>An <c>app.bsky.feed.post</c> record as a commit created it: text, mention facets and reply refs.</summary>
public sealed record FirehosePost
{
    /// <summary>Longer texts are not Bluesky posts (the lexicon allows 3000 bytes): cut, not trusted.</summary>
    public const int MaxTextChars = 10_000;

    /// <summary>at://did/app.bsky.feed.post/rkey</summary>
    public required string Uri { get; init; }
    public required string Cid { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Language { get; init; }
    /// <summary>The DIDs the post's mention facets point to.</summary>
    public IReadOnlyList<string> MentionedDids { get; init; } = [];
    public StrongRef? ReplyRoot { get; init; }
    public StrongRef? ReplyParent { get; init; }

    public string AuthorDid => AtUri.Authority(Uri);

    public static FirehosePost From(string uri, string cid, Dictionary<string, object?> record)
    {
        if (record.Text("$type") != FirehoseFrame.PostCollection)
        {
            throw new FormatException($"the record is a {record.Text("$type") ?? "record without $type"}, not a post");
        }
        var text = record.Text("text") ?? throw new FormatException("the post has no text");
        text = Storage.BoundedText.Clip(text, MaxTextChars);
        var mentioned = new List<string>();
        foreach (var facet in record.List("facets")?.OfType<Dictionary<string, object?>>() ?? [])
        {
            foreach (var feature in facet.List("features")?.OfType<Dictionary<string, object?>>() ?? [])
            {
                if (feature.Text("$type") == "app.bsky.richtext.facet#mention" && feature.Text("did") is { } did && did.StartsWith("did:", StringComparison.Ordinal))
                {
                    mentioned.Add(did);
                }
            }
        }
        var reply = record.Map("reply");
        return new FirehosePost
        {
            Uri = uri,
            Cid = cid,
            Text = text,
            CreatedAt = DateTimeOffset.TryParse(record.Text("createdAt"), out var created) ? created : null,
            Language = record.List("langs")?.OfType<string>().FirstOrDefault(),
            MentionedDids = mentioned,
            ReplyRoot = StrongRef.From(reply.Map("root")),
            ReplyParent = StrongRef.From(reply.Map("parent")),
        };
    }
}

/// <summary>com.atproto.repo.strongRef: a record's at:// URI and the CID of the version meant.</summary>
public sealed record StrongRef(string Uri, string Cid)
{
    public static StrongRef? From(Dictionary<string, object?>? map) =>
        map.Text("uri") is { } uri && map.Text("cid") is { } cid && uri.StartsWith("at://", StringComparison.Ordinal) ? new StrongRef(uri, cid) : null;
}

/// <summary>Pieces of at://authority/collection/rkey URIs.</summary>
public static class AtUri
{
    public static string Authority(string uri)
    {
        var rest = uri.StartsWith("at://", StringComparison.Ordinal) ? uri[5..] : uri;
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    public static string RecordKey(string uri) => uri[(uri.LastIndexOf('/') + 1)..];

    public static string Collection(string uri)
    {
        var parts = uri.StartsWith("at://", StringComparison.Ordinal) ? uri[5..].Split('/') : [];
        return parts.Length >= 3 ? parts[1] : "";
    }
}
