using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Answers a Bluesky post from the brand's account: a post with reply refs (the thread's root and the post answered,
/// each by URI and current CID), mentioning its author as Bluesky clients do, with mention facets whose offsets count
/// UTF-8 bytes.
/// </summary>
public sealed partial class BlueskyReplier(BlueskyClient client, BlueskySessions sessions, TimeProvider clock) : IChannelReplier
{
    /// <summary>Bluesky's limit, in graphemes.</summary>
    public const int MaxGraphemes = 300;

    public ChannelKind Kind => ChannelKind.Bluesky;

    public Task<IncomingItem> ReplyAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct) =>
        sessions.WithSessionAsync(channel, account => SendAsync(account, target, text, ct), ct);

    private async Task<IncomingItem> SendAsync(BlueskyAccount account, ReplyTarget target, string text, CancellationToken ct)
    {
        var parentUri = target.Mention.ExternalId;
        if (!parentUri.StartsWith("at://", StringComparison.Ordinal) || AtUri.Collection(parentUri) != FirehoseFrame.PostCollection)
        {
            throw new ChannelException("This mention is not a Bluesky post.");
        }
        var (parent, value) = await client.GetRecordAsync(account.Service, parentUri, ct);
        var root = StrongRefOf(value["reply"]?["root"]) ?? parent;

        var authorDid = AtUri.Authority(parentUri);
        var authorHandle = target.Mention.Author is { } author && author.StartsWith('@') && !author.Contains(' ') ? author[1..] : null;
        var body = authorHandle is not null && authorDid != account.Did && !text.Contains("@" + authorHandle, StringComparison.OrdinalIgnoreCase)
            ? $"@{authorHandle} {text}" : text;
        if (new StringInfo(body).LengthInTextElements > MaxGraphemes)
        {
            throw new ChannelException($"A Bluesky post has at most {MaxGraphemes} characters; this answer has {new StringInfo(body).LengthInTextElements}.");
        }

        var facets = new JsonArray();
        foreach (var (start, end, handle) in Mentions(body))
        {
            var did = string.Equals(handle, authorHandle, StringComparison.OrdinalIgnoreCase) ? authorDid
                : await client.ResolveHandleAsync(account.Service, handle, ct);
            if (did is null)
            {
                continue; // not an account: left as plain text
            }
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = start, ["byteEnd"] = end },
                ["features"] = new JsonArray(new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = did }),
            });
        }
        var now = clock.GetUtcNow();
        var record = new JsonObject
        {
            ["$type"] = FirehoseFrame.PostCollection,
            ["text"] = body,
            ["createdAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["reply"] = new JsonObject
            {
                ["root"] = new JsonObject { ["uri"] = root.Uri, ["cid"] = root.Cid },
                ["parent"] = new JsonObject { ["uri"] = parent.Uri, ["cid"] = parent.Cid },
            },
        };
        if (facets.Count > 0)
        {
            record["facets"] = facets;
        }
        if (target.Mention.Language is { Length: > 0 } language)
        {
            record["langs"] = new JsonArray(language);
        }
        var created = await client.CreateRecordAsync(account.Service, account.AccessJwt!, account.Did!, FirehoseFrame.PostCollection, Tid.Next(clock), record, ct);
        var post = new FirehosePost
        {
            Uri = created.Uri,
            Cid = created.Cid,
            Text = body,
            CreatedAt = now,
            Language = target.Mention.Language,
            ReplyRoot = root,
            ReplyParent = parent,
        };
        return BlueskyInterest.ToItem(post, account.Handle);
    }

    /// <summary>The @handles of a text with their UTF-8 byte offsets (start inclusive, end exclusive), as facets count.</summary>
    public static IEnumerable<(int ByteStart, int ByteEnd, string Handle)> Mentions(string text)
    {
        foreach (Match match in HandlePattern().Matches(text))
        {
            var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, match.Index));
            yield return (start, start + Encoding.UTF8.GetByteCount(match.Value), match.Groups["handle"].Value);
        }
    }

    private static StrongRef? StrongRefOf(JsonNode? node) =>
        node?["uri"]?.GetValue<string>() is { } uri && node["cid"]?.GetValue<string>() is { } cid ? new StrongRef(uri, cid) : null;

    [GeneratedRegex(@"(?<=^|[\s(""'¡¿])@(?<handle>(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)")]
    private static partial Regex HandlePattern();
}
