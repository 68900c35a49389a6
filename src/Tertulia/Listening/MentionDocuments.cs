using Tertulia.Mentions;

namespace Tertulia.Listening;

/// <summary>A stored mention as a listening query sees it, with what the caller needs to keep.</summary>
public sealed record StoredDocument(long Id, int ChannelId, DateTimeOffset Published, MentionDocument Document);

public static class MentionDocuments
{
    /// <summary>
    /// Reads only the columns matching needs: the one projection re-tagging, preview and search share
    /// (the pipeline uses <see cref="MentionDocument.From"/>).
    /// </summary>
    public static IQueryable<StoredDocument> AsDocuments(this IQueryable<Mention> mentions) =>
        mentions.Select(m => new StoredDocument(m.Id, m.ChannelId, m.Published, new MentionDocument(m.Title, m.Text)
        {
            Author = m.Author,
            Url = m.Url,
            Language = m.Language,
            Sentiment = MentionDocument.SentimentName(m.Sentiment),
        }));

    /// <summary>The document with its channel's name and kind, for <c>channel:</c>.</summary>
    public static MentionDocument InChannel(this StoredDocument stored, IReadOnlyDictionary<int, string> channels) =>
        channels.TryGetValue(stored.ChannelId, out var channel) ? stored.Document with { Channel = channel } : stored.Document;
}
