using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Keeps every Bluesky channel listening to its firehose: frames are decoded as they come, the brand's posts are
/// handed to the pipeline in batches (whatever arrived while the last batch was stored), and the firehose sequence
/// number is saved with them in the same transaction. After a restart the stream resumes with <c>?cursor=</c>.
/// </summary>
public sealed class BlueskyFirehoseWatcher(
    IDbContextFactory<TertuliaDb> dbs,
    BlueskyFirehose firehose,
    BlueskyClient client,
    ChannelSecrets secrets,
    IngestionPipeline pipeline,
    IOptions<PollingOptions> pollingOptions,
    TimeProvider clock,
    ILogger<BlueskyFirehoseWatcher> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    /// <summary>Without new posts, the position is saved this often (a quiet brand on a busy relay).</summary>
    private static readonly TimeSpan SavePositionEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReloadQueriesEvery = TimeSpan.FromSeconds(30);
    private const int MaxFramesPerBatch = 2_000;

    private readonly ConcurrentDictionary<int, CancellationTokenSource> _watching = new();
    private readonly ConcurrentDictionary<int, string> _state = new();
    private readonly ConcurrentDictionary<string, string> _handles = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(0);

    /// <summary>"streaming", or "connecting" while it (re)connects.</summary>
    public string StateOf(int channelId) => _state.GetValueOrDefault(channelId, "connecting");

    public bool IsStreaming(int channelId) => StateOf(channelId) == "streaming";

    public void RefreshChannels()
    {
        if (_refresh.CurrentCount == 0)
        {
            _refresh.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!pollingOptions.Value.Enabled)
        {
            return;
        }
        var tasks = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                var ids = await db.Channels.AsNoTracking()
                    .Where(c => c.Kind == ChannelKind.Bluesky && c.Enabled)
                    .Select(c => c.Id)
                    .ToListAsync(stoppingToken);
                foreach (var gone in _watching.Keys.Except(ids))
                {
                    if (_watching.TryRemove(gone, out var cts))
                    {
                        await cts.CancelAsync();
                    }
                }
                foreach (var id in ids.Where(id => !_watching.ContainsKey(id)))
                {
                    var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    _watching[id] = cts;
                    tasks.Add(FollowAsync(id, cts.Token));
                }
                tasks.RemoveAll(t => t.IsCompleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Could not list the Bluesky channels to listen to");
            }
            try
            {
                await _refresh.WaitAsync(Refresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(tasks);
    }

    private async Task FollowAsync(int channelId, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(channelId, ct);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (FirehoseRefusedException ex) when (ex.Error == "FutureCursor")
            {
                // The server does not know our position (it was reset): listen from now on.
                log.LogWarning("Channel {ChannelId}: {Error}; listening from now on", channelId, ex.Message);
                await SetCursorAsync(channelId, null, ct);
            }
            catch (Exception ex)
            {
                failures++;
                log.LogWarning("Bluesky channel {ChannelId} stream dropped: {Error}", channelId, ex.Message);
                await RecordErrorAsync(channelId, ex is ChannelException ? ex.Message : $"Unexpected error: {ex.Message}", ct);
            }
            _state[channelId] = "connecting";
            try
            {
                await Task.Delay(ChannelPoller.BackOff(TimeSpan.FromSeconds(1), Math.Min(failures, 9)), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(int channelId, CancellationToken ct)
    {
        Channel channel;
        QuerySet? queries;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId, ct);
            queries = await ActiveQueries.LoadAsync(db, channel.WorkspaceId, log, ct);
        }
        var account = secrets.Unprotect<BlueskyAccount>(channel);
        if (account.Did is null)
        {
            throw new ChannelException("The channel does not know its account's DID. Connect it again.");
        }
        var label = Listening.MentionDocument.ChannelLabel(channel);
        var interest = new BlueskyInterest(account.Did, account.Handle, queries, label);
        var cursor = BlueskyCursor.Parse(channel.Cursor).Seq;
        var queriesLoaded = clock.GetUtcNow();

        var frames = System.Threading.Channels.Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxFramesPerBatch) { SingleReader = true, SingleWriter = true });
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var frame in firehose.ReadAsync(account.FirehoseUri(cursor), reading.Token, () => _state[channelId] = "streaming"))
                {
                    await frames.Writer.WriteAsync(frame, reading.Token);
                }
                frames.Writer.TryComplete(new ChannelException("The firehose closed the connection."));
            }
            catch (Exception ex)
            {
                frames.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);

        var savedSeq = cursor;
        var lastSeq = cursor;
        var savedAt = clock.GetUtcNow();
        try
        {
            while (await frames.Reader.WaitToReadAsync(ct))
            {
                var batch = new FirehoseBatch(interest, _handles);
                while (batch.Frames < MaxFramesPerBatch && frames.Reader.TryRead(out var data))
                {
                    batch.Add(data);
                }
                lastSeq = batch.LastSeq ?? lastSeq;
                var now = clock.GetUtcNow();
                // Nothing for the brand: the position is saved with the next batch that has something, or after a while.
                if (batch.Posts.Count > 0 || batch.Skipped.Count > 0 || (lastSeq != savedSeq && now - savedAt >= SavePositionEvery))
                {
                    await StoreAsync(channelId, account, batch, lastSeq, ct);
                    savedSeq = lastSeq;
                    savedAt = now;
                }
                if (now - queriesLoaded > ReloadQueriesEvery)
                {
                    await using var db = await dbs.CreateDbContextAsync(ct);
                    interest = new BlueskyInterest(account.Did, account.Handle, await ActiveQueries.LoadAsync(db, channel.WorkspaceId, log, ct), label);
                    queriesLoaded = now;
                }
            }
        }
        finally
        {
            await reading.CancelAsync();
            await producer;
            if (lastSeq != savedSeq && !ct.IsCancellationRequested)
            {
                await SetCursorAsync(channelId, lastSeq, CancellationToken.None);
            }
        }
    }

    /// <summary>Stores the batch's posts and moves the cursor to <paramref name="seq"/> in the same transaction.</summary>
    private async Task StoreAsync(int channelId, BlueskyAccount account, FirehoseBatch batch, long? seq, CancellationToken ct)
    {
        await ResolveHandlesAsync(account, batch, ct);
        var now = clock.GetUtcNow();
        await pipeline.IngestAsync(channelId, batch.Items(), stored =>
        {
            stored.Cursor = BlueskyCursor.Advance(stored.Cursor, seq);
            stored.LastPolledAt = now;
            stored.LastSuccessAt = now;
            stored.ErrorCount = 0;
            if (batch.Skipped.Count > 0)
            {
                stored.LastSkippedCount = batch.Skipped.Count;
                stored.LastError = ChannelPoller.DescribeSkipped(batch.Skipped);
                stored.LastErrorAt = now;
            }
            else if (stored.LastErrorAt is null || now - stored.LastErrorAt > ChannelPoller.SkippedReportKept)
            {
                stored.LastSkippedCount = 0;
                stored.LastError = null;
            }
        }, ct);
    }

    /// <summary>The firehose names authors by DID only: their handles are asked once to the PDS, then remembered.</summary>
    private async Task ResolveHandlesAsync(BlueskyAccount account, FirehoseBatch batch, CancellationToken ct)
    {
        foreach (var did in batch.Posts.Select(p => p.AuthorDid).Distinct().Where(d => !_handles.ContainsKey(d)).Take(50))
        {
            if (did == account.Did)
            {
                _handles[did] = account.Handle;
            }
            else if (_handles.Count < FirehoseBatch.MaxHandles && await client.HandleOfAsync(account.Service, did, ct) is { Length: > 0 and <= 253 } handle)
            {
                _handles[did] = handle;
            }
        }
    }

    private async Task SetCursorAsync(int channelId, long? seq, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var channel = await db.Channels.SingleOrDefaultAsync(c => c.Id == channelId, ct);
        if (channel is null)
        {
            return;
        }
        channel.Cursor = seq is null ? null : BlueskyCursor.Advance(channel.Cursor, seq);
        await db.SaveChangesAsync(ct);
    }

    private async Task RecordErrorAsync(int channelId, string error, CancellationToken ct)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LastError, BoundedText.Clip(error, 2000))
                .SetProperty(c => c.LastErrorAt, now)
                .SetProperty(c => c.LastPolledAt, now)
                .SetProperty(c => c.ErrorCount, c => c.ErrorCount + 1), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogDebug(ex, "Could not record the error of channel {ChannelId}", channelId);
        }
    }
}
