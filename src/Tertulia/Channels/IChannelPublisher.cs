using Tertulia.Ingestion;

namespace Tertulia.Channels;

/// <summary>
/// Posts the brand's own new message (not an answer to a customer) on a channel that can post: a toot, a Bluesky
/// post. One call posts one part; a thread is parts posted in order, each answering the one before.
/// </summary>
public interface IChannelPublisher
{
    ChannelKind Kind { get; }

    /// <summary>The most one part may measure, in the unit of <see cref="Measure"/>.</summary>
    int MaxLength { get; }

    /// <summary>How long the channel says <paramref name="text"/> is (Mastodon: characters, a link counts 23; Bluesky: graphemes).</summary>
    int Measure(string text);

    /// <summary>
    /// Posts <paramref name="post"/> and returns what the channel confirms (its remote id), as an incoming item of the
    /// brand. Throws <see cref="ChannelException"/> when the channel refuses or cannot be reached.
    /// </summary>
    Task<IncomingItem> PublishAsync(Channel channel, PostToPublish post, CancellationToken ct);

    /// <summary>
    /// Looks in the channel for <paramref name="post"/> already posted by an earlier attempt (a worker that died after
    /// posting, before recording it); returns it, or null when the channel has none. Called before every retry.
    /// </summary>
    Task<IncomingItem?> FindPublishedAsync(Channel channel, PostToPublish post, CancellationToken ct);
}

/// <summary>
/// One part to post. <paramref name="IdempotencyKey"/> is the same for every attempt at this part;
/// <paramref name="RecordedAt"/> is when the part was recorded (stable too: channels may derive keys from it).
/// <paramref name="InReplyToExternalId"/>: the previous part of a thread, posted on the same channel.
/// </summary>
public sealed record PostToPublish(
    string Text,
    string IdempotencyKey,
    DateTimeOffset RecordedAt,
    string? InReplyToExternalId = null,
    PostImage? Image = null,
    string? Language = null);

/// <summary>An image with its description for people who cannot see it.</summary>
public sealed record PostImage(byte[] Content, string ContentType, string AltText)
{
    /// <summary>Bluesky's blob limit (976.56 KB) is the smaller of the two channels'.</summary>
    public const int MaxBytes = 1_000_000;
    public const int MaxAltText = 1_500;
    public static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/webp", "image/gif"];
}
