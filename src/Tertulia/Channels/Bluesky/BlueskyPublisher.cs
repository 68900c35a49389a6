using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Posts the brand's own Bluesky posts: text with link, mention and hashtag facets (UTF-8 byte offsets), an image
/// with alt text (uploadBlob + app.bsky.embed.images), and thread parts as replies to the part before. Each part's
/// record key is derived from its idempotency key, so a retry either finds the record there or writes the same key:
/// the PDS never holds two copies.
/// </summary>
public sealed class BlueskyPublisher(BlueskyClient client, BlueskySessions sessions, TimeProvider clock) : IChannelPublisher
{
    public ChannelKind Kind => ChannelKind.Bluesky;

    public int MaxLength => BlueskyReplier.MaxGraphemes;

    public int Measure(string text) => new StringInfo(text).LengthInTextElements;

    public Task<IncomingItem> PublishAsync(Channel channel, PostToPublish post, CancellationToken ct) =>
        sessions.WithSessionAsync(channel, account => PostAsync(account, post, ct), ct);

    public Task<IncomingItem?> FindPublishedAsync(Channel channel, PostToPublish post, CancellationToken ct) =>
        sessions.WithSessionAsync(channel, account => FindAsync(account, post, ct), ct);

    /// <summary>
    /// A TID (the record key posts use) made from the part's recording moment and its key: the same part always gets
    /// the same key, two parts recorded in the same millisecond differ by the key's hash.
    /// </summary>
    public static string RecordKeyOf(PostToPublish post)
    {
        var hash = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(post.IdempotencyKey)));
        var micros = post.RecordedAt.ToUnixTimeMilliseconds() * 1000 + (long)(hash % 1000);
        var clockId = (long)((hash >> 20) & 1023);
        return Tid.Format((micros << 10) | clockId);
    }

    private async Task<IncomingItem?> FindAsync(BlueskyAccount account, PostToPublish post, CancellationToken ct)
    {
        var uri = $"at://{account.Did}/{FirehoseFrame.PostCollection}/{RecordKeyOf(post)}";
        try
        {
            var (found, value) = await client.GetRecordAsync(account.Service, uri, ct);
            return ItemOf(account, found, value);
        }
        catch (XrpcException ex) when (ex.Error == "RecordNotFound")
        {
            return null;
        }
    }

    private async Task<IncomingItem> PostAsync(BlueskyAccount account, PostToPublish post, CancellationToken ct)
    {
        if (Measure(post.Text) > MaxLength)
        {
            throw new ChannelException($"A Bluesky post has at most {MaxLength} characters; this one has {Measure(post.Text)}.");
        }
        var record = new JsonObject
        {
            ["$type"] = FirehoseFrame.PostCollection,
            ["text"] = post.Text,
            ["createdAt"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (await FacetsAsync(account, post.Text, ct) is { Count: > 0 } facets)
        {
            record["facets"] = facets;
        }
        if (post.Language is { Length: > 0 } language)
        {
            record["langs"] = new JsonArray(language);
        }
        if (post.InReplyToExternalId is { } parentUri)
        {
            var (parent, value) = await client.GetRecordAsync(account.Service, parentUri, ct);
            var root = value["reply"]?["root"]?.DeepClone() ?? new JsonObject { ["uri"] = parent.Uri, ["cid"] = parent.Cid };
            record["reply"] = new JsonObject { ["root"] = root, ["parent"] = new JsonObject { ["uri"] = parent.Uri, ["cid"] = parent.Cid } };
        }
        if (post.Image is { } image)
        {
            var blob = await client.UploadBlobAsync(account.Service, account.AccessJwt!, image.Content, image.ContentType, ct);
            record["embed"] = new JsonObject
            {
                ["$type"] = "app.bsky.embed.images",
                ["images"] = new JsonArray(new JsonObject { ["alt"] = image.AltText, ["image"] = blob }),
            };
        }
        var rkey = RecordKeyOf(post);
        try
        {
            var created = await client.CreateRecordAsync(account.Service, account.AccessJwt!, account.Did!, FirehoseFrame.PostCollection, rkey, record, ct);
            return ItemOf(account, created, record);
        }
        catch (XrpcException refused) when (!refused.IsExpiredSession)
        {
            // Another attempt wrote this key meanwhile: that copy is the post.
            var earlier = await FindAsync(account, post, ct);
            if (earlier is null)
            {
                throw;
            }
            return earlier;
        }
    }

    private async Task<JsonArray> FacetsAsync(BlueskyAccount account, string text, CancellationToken ct)
    {
        var facets = new JsonArray();
        foreach (var facet in RichText.Find(text))
        {
            JsonObject feature;
            switch (facet.Kind)
            {
                case RichText.FacetKind.Link:
                    feature = new JsonObject { ["$type"] = "app.bsky.richtext.facet#link", ["uri"] = facet.Value };
                    break;
                case RichText.FacetKind.Tag:
                    feature = new JsonObject { ["$type"] = "app.bsky.richtext.facet#tag", ["tag"] = facet.Value };
                    break;
                default:
                    if (await client.ResolveHandleAsync(account.Service, facet.Value, ct) is not { } did)
                    {
                        continue; // not an account: left as plain text
                    }
                    feature = new JsonObject { ["$type"] = "app.bsky.richtext.facet#mention", ["did"] = did };
                    break;
            }
            facets.Add(new JsonObject
            {
                ["index"] = new JsonObject { ["byteStart"] = facet.ByteStart, ["byteEnd"] = facet.ByteEnd },
                ["features"] = new JsonArray(feature),
            });
        }
        return facets;
    }

    private static IncomingItem ItemOf(BlueskyAccount account, StrongRef created, JsonObject record)
    {
        var post = new FirehosePost
        {
            Uri = created.Uri,
            Cid = created.Cid,
            Text = record["text"]?.GetValue<string>() ?? "",
            CreatedAt = DateTimeOffset.TryParse(record["createdAt"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            Language = (record["langs"] as JsonArray)?.FirstOrDefault()?.GetValue<string>(),
            ReplyRoot = RefOf(record["reply"]?["root"]),
            ReplyParent = RefOf(record["reply"]?["parent"]),
        };
        return BlueskyInterest.ToItem(post, account.Handle) with { FromBrand = true };
    }

    private static StrongRef? RefOf(JsonNode? node) =>
        node?["uri"]?.GetValue<string>() is { } uri && node["cid"]?.GetValue<string>() is { } cid ? new StrongRef(uri, cid) : null;
}
