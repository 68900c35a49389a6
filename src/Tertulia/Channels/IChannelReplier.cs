using Tertulia.Ingestion;
using Tertulia.Mentions;

namespace Tertulia.Channels;

/// <summary>Answers a mention through the channel it came from (an email reply, a toot in reply...).</summary>
public interface IChannelReplier
{
    ChannelKind Kind { get; }

    /// <summary>
    /// Sends <paramref name="text"/> as an answer to the target mention. Returns what was sent as an incoming item,
    /// so the pipeline stores the brand's answer in the same conversation. Throws <see cref="ChannelException"/> when it cannot be sent.
    /// </summary>
    Task<IncomingItem> ReplyAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct);

    /// <summary>
    /// Looks in the channel for an answer already sent with <see cref="ReplyTarget.IdempotencyKey"/> (a sender that
    /// crashed after sending, before recording it); returns it, or null when the channel has none. Called before a retry.
    /// </summary>
    Task<IncomingItem?> FindSentAsync(Channel channel, ReplyTarget target, string text, CancellationToken ct) =>
        Task.FromResult<IncomingItem?>(null);
}

/// <summary>
/// The mention to answer and the external ids of its ancestors, the conversation's first message first.
/// <paramref name="IdempotencyKey"/>: the same key for every attempt at one answer, so the channel can refuse a second copy.
/// </summary>
public sealed record ReplyTarget(Mention Mention, IReadOnlyList<string> Ancestors, string? IdempotencyKey = null);
