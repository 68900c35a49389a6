using System.Net;
using System.Text.RegularExpressions;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>Answers a toot from the brand's account with <c>in_reply_to_id</c>, mentioning its author as Mastodon clients do.</summary>
public sealed partial class MastodonReplier(MastodonClient client, ChannelSecrets secrets) : IChannelReplier
{
    public ChannelKind Kind => ChannelKind.Mastodon;

    public async Task<IncomingItem> ReplyAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct)
    {
        var account = secrets.Unprotect<MastodonAccount>(channel);
        // Mastodon keeps the Idempotency-Key an hour: a retry within it gets the first status back, not a second toot.
        var posted = await client.PostAsync(account, Body(target, text), target.Mention.ExternalId, "public", ct, target.IdempotencyKey);
        return posted.ToItem() with { ParentExternalId = target.Mention.ExternalId, IsComment = true, FromBrand = true };
    }

    /// <summary>
    /// Servers that ignore Idempotency-Key (snac) or a retry after its hour: the brand's own answer with the same words
    /// directly below the target means it was sent.
    /// </summary>
    public async Task<IncomingItem?> FindSentAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct)
    {
        var account = secrets.Unprotect<MastodonAccount>(channel);
        var own = account.AccountId ?? (await client.VerifyAsync(account, ct)).Id;
        var replies = await client.RepliesToAsync(account, target.Mention.ExternalId, ct);
        var sent = replies.FirstOrDefault(s => s.Account?.Id == own && s.InReplyToId == target.Mention.ExternalId
            && Flat(WebUtility.HtmlDecode(Tags().Replace(s.Content ?? "", " "))).Contains(Flat(text), StringComparison.Ordinal)
            && text.Trim().Length > 0);
        return sent is null ? null : sent.ToItem() with { ParentExternalId = target.Mention.ExternalId, IsComment = true, FromBrand = true };
    }

    private static string Body(ReplyTarget target, string text)
    {
        var handle = HandleOf(target.Mention.Author);
        return handle is not null && !text.Contains(handle, StringComparison.OrdinalIgnoreCase) ? $"{handle} {text}" : text;
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

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
