using Tertulia.Ingestion;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// The parse path of the firehose: frames in, the brand's posts, the frames that had to be skipped and the last
/// sequence number read out. A malformed frame is reported and skipped; it never stops the stream.
/// </summary>
public sealed class FirehoseBatch(BlueskyInterest interest, IDictionary<string, string> handles)
{
    /// <summary>Handles learnt or resolved are kept up to this many DIDs.</summary>
    public const int MaxHandles = 10_000;

    public List<FirehosePost> Posts { get; } = [];
    public List<SkippedItem> Skipped { get; } = [];
    public long? LastSeq { get; private set; }
    public int Frames { get; private set; }

    public void Add(ReadOnlyMemory<byte> data)
    {
        Frames++;
        FirehoseFrame frame;
        try
        {
            frame = FirehoseFrame.Parse(data);
        }
        catch (FormatException ex)
        {
            Skipped.Add(new SkippedItem($"Firehose frame after seq {LastSeq?.ToString() ?? "(start)"}", ex.Message));
            return;
        }
        if (frame.Type == "error")
        {
            throw new FirehoseRefusedException(frame.Name, $"The firehose refused to stream: {frame.Name} {frame.Message}".Trim());
        }
        if (frame.Seq is { } seq && (LastSeq is null || seq > LastSeq))
        {
            LastSeq = seq;
        }
        if (frame.Type == "#identity" && frame.Repo is { } did && frame.Handle is { Length: > 0 and <= 253 } handle
            && (handles.Count < MaxHandles || handles.ContainsKey(did)))
        {
            handles[did] = handle;
        }
        interest.Select(frame, Posts);
        foreach (var problem in frame.Problems)
        {
            Skipped.Add(new SkippedItem($"Firehose seq {frame.Seq}", problem));
        }
    }

    public IReadOnlyList<IncomingItem> Items() =>
        Posts.Select(p => BlueskyInterest.ToItem(p, handles.TryGetValue(p.AuthorDid, out var handle) ? handle : null)).ToList();
}

/// <summary>An error frame (FutureCursor, ConsumerTooSlow...): the server ends the stream after it.</summary>
public sealed class FirehoseRefusedException(string? error, string message) : ChannelException(message)
{
    public string? Error { get; } = error;
}
