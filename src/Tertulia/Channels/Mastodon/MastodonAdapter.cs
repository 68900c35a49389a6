using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Listens to a Mastodon account: the posts that mention it (mention notifications), the hashtags it follows,
/// and its own posts, so the brand's answers sit inside the conversations. Replies become child mentions by
/// <c>in_reply_to_id</c>. The cursor keeps the newest id seen per source; the pipeline drops what it already has.
/// </summary>
public sealed class MastodonAdapter(MastodonClient client, ChannelSecrets secrets) : IChannelAdapter
{
    public ChannelKind Kind => ChannelKind.Mastodon;

    public async Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct)
    {
        var account = secrets.Unprotect<MastodonAccount>(channel);
        var cursor = MastodonCursor.Parse(channel.Cursor);
        var statuses = new List<MastodonStatus>();
        var skipped = new List<SkippedItem>();

        var mentions = await client.MentionsAsync(account, cursor.Mentions, ct);
        statuses.AddRange(mentions.Where(n => n.Type == "mention" && n.Status is not null).Select(n => n.Status!));
        cursor.Mentions = Newest(mentions.Select(n => n.Id), cursor.Mentions);

        if (account.AccountId is { } self)
        {
            var own = await client.OwnStatusesAsync(account, self, cursor.Own, ct);
            statuses.AddRange(own.Where(s => s.InReplyToId is not null));
            cursor.Own = Newest(own.Select(s => s.Id), cursor.Own);
        }

        foreach (var tag in account.Hashtags)
        {
            try
            {
                var tagged = await client.HashtagAsync(account, tag, cursor.Tags.GetValueOrDefault(tag), ct);
                statuses.AddRange(tagged);
                if (Newest(tagged.Select(s => s.Id), cursor.Tags.GetValueOrDefault(tag)) is { } newest)
                {
                    cursor.Tags[tag] = newest;
                }
            }
            catch (ChannelException ex) when (ex.RetryAfter is null)
            {
                // One hashtag that fails must not hold back the mentions.
                skipped.Add(new SkippedItem($"#{tag}", ex.Message));
            }
        }

        var items = new List<IncomingItem>();
        foreach (var status in statuses.Select(s => s.Reblog ?? s).DistinctBy(s => s.Id))
        {
            if (status.Visibility == "direct")
            {
                // Direct messages belong to the inbox, not to public listening (and are not stored by accident).
                continue;
            }
            items.Add(status.ToItem());
        }
        return new ChannelPoll(items, skipped, new ChannelPosition(null, null, cursor.ToJson()));
    }

    /// <summary>Mastodon ids are numbers as strings: longer is newer, then ordinal.</summary>
    internal static string? Newest(IEnumerable<string> ids, string? current)
    {
        var newest = current;
        foreach (var id in ids)
        {
            if (newest is null || id.Length > newest.Length || (id.Length == newest.Length && string.CompareOrdinal(id, newest) > 0))
            {
                newest = id;
            }
        }
        return newest;
    }
}

/// <summary>The newest id seen in each source of a Mastodon channel.</summary>
public sealed class MastodonCursor
{
    public string? Mentions { get; set; }
    public string? Own { get; set; }
    public Dictionary<string, string> Tags { get; set; } = [];

    public static MastodonCursor Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new MastodonCursor();
        }
        try
        {
            return JsonSerializer.Deserialize<MastodonCursor>(json) ?? new MastodonCursor();
        }
        catch (JsonException)
        {
            return new MastodonCursor();
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this);
}
