using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// The polling side of a Bluesky channel ("poll now", and the fallback while the live stream is down): opens the
/// firehose at the stored cursor, reads until it has caught up (a quiet moment), and returns the brand's posts with
/// the new position. While <see cref="BlueskyFirehoseWatcher"/> streams the channel there is nothing to catch up.
/// </summary>
public sealed class BlueskyAdapter(
    BlueskyFirehose firehose,
    BlueskyClient client,
    ChannelSecrets secrets,
    BlueskyFirehoseWatcher watcher,
    IDbContextFactory<TertuliaDb> dbs,
    ILogger<BlueskyAdapter> log) : IChannelAdapter
{
    /// <summary>Caught up when the firehose is quiet this long.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    public const int MaxFramesPerPoll = 5_000;
    private static readonly TimeSpan MaxPollTime = TimeSpan.FromSeconds(30);

    public ChannelKind Kind => ChannelKind.Bluesky;

    public async Task<ChannelPoll> PollAsync(Channel channel, CancellationToken ct)
    {
        var account = secrets.Unprotect<BlueskyAccount>(channel);
        if (account.Did is null)
        {
            throw new ChannelException("The channel does not know its account's DID. Connect it again.");
        }
        QuerySet? queries;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (watcher.IsStreaming(channel.Id))
            {
                // The live stream stores as it reads: report the position it has reached, unchanged.
                var stored = await db.Channels.AsNoTracking().Where(c => c.Id == channel.Id).Select(c => c.Cursor).SingleAsync(ct);
                return new ChannelPoll([], [], new ChannelPosition(null, null, stored));
            }
            queries = await ActiveQueries.LoadAsync(db, channel.WorkspaceId, log, ct);
        }
        var handles = new Dictionary<string, string>(StringComparer.Ordinal) { [account.Did] = account.Handle };
        var batch = new FirehoseBatch(new BlueskyInterest(account.Did, account.Handle, queries, MentionDocument.ChannelLabel(channel)), handles);
        var cursor = BlueskyCursor.Parse(channel.Cursor).Seq;

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        reading.CancelAfter(MaxPollTime);
        // Quiet counts only once the firehose is open: a PDS that never answers the handshake is an error on the
        // channel (the handshake's own limit), not a caught-up, empty poll.
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task QuietAsync()
        {
            await connected.Task.WaitAsync(ct);
            await Task.Delay(Quiet, ct);
        }
        await using (var frames = firehose.ReadAsync(account.FirehoseUri(cursor), reading.Token, () => connected.TrySetResult()).GetAsyncEnumerator(reading.Token))
        {
            while (batch.Frames < MaxFramesPerPoll)
            {
                var next = frames.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, QuietAsync()) != next)
                {
                    await reading.CancelAsync();
                    await next.ContinueWith(_ => { }, TaskScheduler.Default); // observe the cancelled read
                    break;
                }
                try
                {
                    if (!await next)
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested && connected.Task.IsCompleted)
                {
                    break; // read long enough: what was read is stored, the rest comes next time
                }
                batch.Add(frames.Current);
            }
        }
        foreach (var did in batch.Posts.Select(p => p.AuthorDid).Distinct().Where(d => !handles.ContainsKey(d)).Take(50))
        {
            if (await client.HandleOfAsync(account.Service, did, ct) is { Length: > 0 and <= 253 } handle)
            {
                handles[did] = handle;
            }
        }
        var seq = batch.LastSeq ?? cursor;
        return new ChannelPoll(batch.Items(), batch.Skipped, new ChannelPosition(null, null, BlueskyCursor.Advance(channel.Cursor, seq)))
        {
            HasMore = batch.Frames >= MaxFramesPerPoll,
        };
    }
}
