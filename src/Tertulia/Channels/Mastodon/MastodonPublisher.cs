using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Posts the brand's own toots: public, with an image and its description (POST /api/v2/media), thread parts as
/// answers to the part before. The Idempotency-Key makes Mastodon return the first status to a retry within its
/// hour; servers that ignore it (snac) are asked first, on a retry, whether the brand's timeline already has it.
/// </summary>
public sealed partial class MastodonPublisher(MastodonClient client, ChannelSecrets secrets) : IChannelPublisher
{
    /// <summary>Mastodon's default limit.</summary>
    public const int MaxCharacters = 500;

    /// <summary>Mastodon counts every link as 23 characters, whatever its length.</summary>
    public const int LinkLength = 23;

    /// <summary>A retry looks this far back in the brand's timeline, before the part was recorded (clocks differ).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(10);

    public ChannelKind Kind => ChannelKind.Mastodon;

    public int MaxLength => MaxCharacters;

    /// <summary>As Mastodon counts: graphemes, a link as 23, a remote @user@domain as its @user.</summary>
    public int Measure(string text)
    {
        var counted = Links().Replace(text, new string('x', LinkLength));
        counted = RemoteMentions().Replace(counted, m => m.Groups["user"].Value);
        return new StringInfo(counted).LengthInTextElements;
    }

    public async Task<IncomingItem> PublishAsync(Channel channel, PostToPublish post, CancellationToken ct)
    {
        if (Measure(post.Text) > MaxLength)
        {
            throw new ChannelException($"A toot has at most {MaxLength} characters; this one has {Measure(post.Text)}.");
        }
        var account = secrets.Unprotect<MastodonAccount>(channel);
        List<string> media = [];
        if (post.Image is { } image)
        {
            media.Add((await client.UploadMediaAsync(account, image.Content, image.ContentType, image.AltText, ct)).Id);
        }
        var posted = await client.PostAsync(account, post.Text, post.InReplyToExternalId, "public", ct, post.IdempotencyKey, media, post.Language);
        return posted.ToItem() with { FromBrand = true };
    }

    public async Task<IncomingItem?> FindPublishedAsync(Channel channel, PostToPublish post, CancellationToken ct)
    {
        var account = secrets.Unprotect<MastodonAccount>(channel);
        var own = account.AccountId ?? (await client.VerifyAsync(account, ct)).Id;
        var recent = await client.OwnStatusesAsync(account, own, null, ct);
        var words = Flat(post.Text);
        var sent = recent.FirstOrDefault(s => s.Account?.Id == own
            && s.InReplyToId == post.InReplyToExternalId
            && (s.CreatedAt is null || s.CreatedAt >= post.RecordedAt - ClockSlack)
            && words.Length > 0 && Flat(WebUtility.HtmlDecode(Tags().Replace(s.Content ?? "", " "))).Contains(words, StringComparison.Ordinal));
        return sent is null ? null : sent.ToItem() with { FromBrand = true };
    }

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    [GeneratedRegex(@"(?<user>@[\w.]+)@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex RemoteMentions();
}
