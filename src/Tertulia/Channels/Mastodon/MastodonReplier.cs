using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>Answers a toot from the brand's account with <c>in_reply_to_id</c>, mentioning its author as Mastodon clients do.</summary>
public sealed class MastodonReplier(MastodonClient client, ChannelSecrets secrets) : IChannelReplier
{
    public ChannelKind Kind => ChannelKind.Mastodon;

    public async Task<IncomingItem> ReplyAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct)
    {
        var account = secrets.Unprotect<MastodonAccount>(channel);
        var handle = HandleOf(target.Mention.Author);
        var body = handle is not null && !text.Contains(handle, StringComparison.OrdinalIgnoreCase) ? $"{handle} {text}" : text;
        var posted = await client.PostAsync(account, body, target.Mention.ExternalId, "public", ct);
        return posted.ToItem() with { ParentExternalId = target.Mention.ExternalId, IsComment = true, FromBrand = true };
    }

    /// <summary>"@ana@example.social" out of "Ana (@ana@example.social)" or "@ana@example.social".</summary>
    internal static string? HandleOf(string? author)
    {
        if (author is null)
        {
            return null;
        }
        var at = author.IndexOf("(@", StringComparison.Ordinal);
        var handle = at >= 0 ? author[(at + 1)..].TrimEnd(')') : author.StartsWith('@') ? author : null;
        return handle is { Length: > 1 } && !handle.Contains(' ') ? handle : null;
    }
}
