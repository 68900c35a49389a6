using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Listens to a Mastodon account: the posts that mention it (mention notifications), the hashtags it follows,
/// its own posts, so the brand's answers sit inside the conversations, and what the workspace's listening queries
/// look for (their hashtags' timelines and their words through the instance's search, <see cref="ListeningTerms"/>). Replies become child mentions by
/// <c>in_reply_to_id</c>. The cursor keeps the newest id seen per source; the pipeline drops what it already has.
/// </summary>
public sealed class MastodonAdapter(MastodonClient client, ChannelSecrets secrets, IDbContextFactory<TertuliaDb> dbs) : IChannelAdapter
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

        ListeningTerms terms;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            terms = await ListeningTerms.OfWorkspaceAsync(db, channel.WorkspaceId, ct);
        }
        foreach (var tag in account.Hashtags.Concat(terms.Hashtags).Distinct(StringComparer.OrdinalIgnoreCase))
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

        foreach (var keyword in terms.Keywords)
        {
            try
            {
                var found = await client.SearchStatusesAsync(account, keyword, cursor.Keywords.GetValueOrDefault(keyword), ct);
                statuses.AddRange(found);
                if (Newest(found.Select(s => s.Id), cursor.Keywords.GetValueOrDefault(keyword)) is { } newest)
                {
                    cursor.Keywords[keyword] = newest;
                }
            }
            catch (ChannelException ex) when (ex.RetryAfter is null)
            {
                // An instance without full-text search (or one refusing it) still gives mentions and hashtags.
                skipped.Add(new SkippedItem($"search: {keyword}", ex.Message));
            }
        }

        // Words no query looks for any more are forgotten with their cursor.
        cursor.Keywords = cursor.Keywords.Where(k => terms.Keywords.Contains(k.Key)).ToDictionary(k => k.Key, k => k.Value);

        var items = new List<IncomingItem>();
        foreach (var status in statuses.Select(s => s.Reblog ?? s).DistinctBy(s => s.Id))
        {
            if (status.Visibility == "direct")
            {
                // Direct messages belong to the inbox, not to public listening (and are not stored by accident).
                continue;
            }
            // The account's own posts (its replies sent from elsewhere, its answers quoting a customer) are the
            // brand speaking: never a customer's complaint, suggestion or new contact.
            items.Add(status.ToItem() with { FromBrand = account.AccountId is { } me && status.Account?.Id == me });
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
    /// <summary>Per searched word or phrase of the workspace's listening queries.</summary>
    public Dictionary<string, string> Keywords { get; set; } = [];

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
