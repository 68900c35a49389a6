using Tertulia.Ingestion;

namespace Tertulia.Channels;

/// <summary>Reads one kind of channel. Adapters only read and translate; the pipeline stores.</summary>
public interface IChannelAdapter
{
    ChannelKind Kind { get; }

    /// <summary>Fetches what is new since the channel's position. Throws <see cref="ChannelException"/> when the source cannot be read at all.</summary>
    Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct);
}

/// <summary>The outcome of one poll: the items read, those that had to be skipped, and the new position.</summary>
public sealed record ChannelPoll(IReadOnlyList<IncomingItem> Items, IReadOnlyList<SkippedItem> Skipped, ChannelPosition Position)
{
    /// <summary>A server can ask us to wait (429 / Retry-After) even when nothing failed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The adapter read one page of a longer backlog: poll again at once rather than after the interval.</summary>
    public bool HasMore { get; init; }
}

/// <summary>A channel could not be read; the message is shown to the person who configured it.</summary>
public class ChannelException(string message, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; init; }
}
