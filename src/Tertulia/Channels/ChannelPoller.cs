using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels;

/// <summary>Polls one channel through its adapter, hands the items to the pipeline and records the outcome on the channel.</summary>
public sealed class ChannelPoller(
    IEnumerable<IChannelAdapter> adapters,
    IngestionPipeline pipeline,
    IDbContextFactory<TertuliaDb> dbs,
    TimeProvider clock,
    IOptions<PollingOptions> options,
    ILogger<ChannelPoller> log)
{
    /// <summary>Failing channels wait longer each time, up to this.</summary>
    public static readonly TimeSpan MaxBackOff = TimeSpan.FromHours(6);

    /// <summary>How long a report of skipped (malformed) items stays on the channel after clean polls.</summary>
    public static readonly TimeSpan SkippedReportKept = TimeSpan.FromHours(24);

    private readonly Dictionary<ChannelKind, IChannelAdapter> _adapters = adapters.ToDictionary(a => a.Kind);

    public async Task<IngestResult> PollAsync(int channelId, CancellationToken ct)
    {
        Channel channel;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            channel = await db.Channels.AsNoTracking().SingleAsync(c => c.Id == channelId, ct);
        }
        if (!_adapters.TryGetValue(channel.Kind, out var adapter))
        {
            await RecordFailureAsync(channelId, $"No adapter reads channels of kind {channel.Kind}.", null, ct);
            return IngestResult.None;
        }

        try
        {
            ChannelPoll poll;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                limit.CancelAfter(options.Value.MaxPollTime);
                try
                {
                    poll = await adapter.PollAsync(channel, limit.Token);
                }
                catch (Exception ex) when (limit.IsCancellationRequested && !ct.IsCancellationRequested && ex is not ChannelException)
                {
                    throw new ChannelException(
                        $"Reading the channel took longer than {options.Value.MaxPollTime.TotalMinutes:0.#} min (Tertulia:Polling:MaxPollTime); it was cut off and will be tried again.", ex);
                }
            }
            var now = clock.GetUtcNow();
            return await pipeline.IngestAsync(channel.Id, poll.Items, stored =>
            {
                stored.ETag = poll.Position.ETag;
                stored.LastModified = poll.Position.LastModified;
                stored.Cursor = poll.Position.Cursor;
                stored.LastPolledAt = now;
                stored.LastSuccessAt = now;
                if (poll.Skipped.Count > 0)
                {
                    stored.LastSkippedCount = poll.Skipped.Count;
                    stored.LastError = DescribeSkipped(poll.Skipped);
                    stored.LastErrorAt = now;
                }
                else if (stored.ErrorCount > 0 || stored.LastErrorAt is null || now - stored.LastErrorAt > SkippedReportKept)
                {
                    // A report of skipped items outlives the clean polls that follow it for a while (a backlog is
                    // read in pages), so the person sees it; a failure is cleared by the first success.
                    stored.LastSkippedCount = 0;
                    stored.LastError = null;
                }
                stored.ErrorCount = 0;
                var wait = poll.RetryAfter is { } retry && retry > stored.PollInterval ? retry
                    : poll.HasMore ? TimeSpan.Zero
                    : stored.PollInterval;
                // "Poll now" or new mail (IMAP IDLE) while this poll ran moved the channel's time: what it asked for
                // may have arrived after this poll read, so it is honoured rather than pushed back by a whole interval.
                var askedDuringPoll = stored.NextPollAt != channel.NextPollAt;
                stored.NextPollAt = askedDuringPoll && stored.NextPollAt < now + wait ? stored.NextPollAt : now + wait;
            }, ct);
        }
        catch (ChannelException ex)
        {
            log.LogWarning("Channel {ChannelId} ({Source}): {Error}", channel.Id, channel.Source, ex.Message);
            await RecordFailureAsync(channelId, ex.Message, ex.RetryAfter, ct);
            return IngestResult.None;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Channel {ChannelId} failed unexpectedly", channel.Id);
            await RecordFailureAsync(channelId, $"Unexpected error: {ex.Message}", null, ct);
            return IngestResult.None;
        }
    }

    public static TimeSpan BackOff(TimeSpan interval, int errorCount)
    {
        var factor = Math.Pow(2, Math.Min(errorCount, 16));
        var wait = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, MaxBackOff.Ticks));
        return wait < interval ? interval : wait;
    }

    private async Task RecordFailureAsync(int channelId, string error, TimeSpan? retryAfter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var channel = await db.Channels.SingleAsync(c => c.Id == channelId, ct);
        var now = clock.GetUtcNow();
        channel.ErrorCount++;
        channel.LastPolledAt = now;
        channel.LastError = BoundedText.Clip(error, 2000);
        channel.LastErrorAt = now;
        var wait = BackOff(channel.PollInterval, channel.ErrorCount - 1);
        if (retryAfter is { } retry && retry > wait)
        {
            wait = retry < MaxBackOff ? retry : MaxBackOff;
        }
        channel.NextPollAt = now + wait;
        await db.SaveChangesAsync(ct);
    }

    internal static string DescribeSkipped(IReadOnlyList<SkippedItem> skipped)
    {
        var shown = string.Join("; ", skipped.Take(5).Select(s => s.ToString()));
        var more = skipped.Count > 5 ? $" (and {skipped.Count - 5} more)" : "";
        var text = $"{skipped.Count} item(s) skipped: {shown}{more}";
        return BoundedText.Clip(text, 2000);
    }
}
