using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Storage;

namespace Tertulia.Channels.Email;

/// <summary>
/// Holds an IMAP IDLE connection per mailbox whose server offers it. New mail only makes the channel due
/// and wakes the poller: the poller still reads and stores, so the database stays the schedule and a
/// mailbox without IDLE is simply polled on its interval.
/// </summary>
public sealed class EmailIdleWatcher(
    IDbContextFactory<TertuliaDb> dbs,
    MailConnector connector,
    ChannelSecrets secrets,
    ChannelPollingService polling,
    IOptions<EmailOptions> options,
    IOptions<PollingOptions> pollingOptions,
    TimeProvider clock,
    ILogger<EmailIdleWatcher> log) : BackgroundService
{
    /// <summary>Servers drop IDLE after 30 minutes; RFC 2177 asks clients to re-issue it before then.</summary>
    private static readonly TimeSpan IdleRenewal = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<int, CancellationTokenSource> _watching = new();
    private readonly ConcurrentDictionary<int, bool> _idling = new();
    private readonly SemaphoreSlim _refresh = new(0);

    /// <summary>True while the mailbox of this channel is in IDLE, waiting for mail.</summary>
    public bool IsIdling(int channelId) => _idling.GetValueOrDefault(channelId);

    /// <summary>Asks the watcher to look for added or removed mailboxes now.</summary>
    public void RefreshChannels()
    {
        if (_refresh.CurrentCount == 0)
        {
            _refresh.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Idle || !pollingOptions.Value.Enabled)
        {
            return;
        }
        var tasks = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var db = await dbs.CreateDbContextAsync(stoppingToken);
                var mailboxes = await db.Channels.AsNoTracking()
                    .Where(c => c.Kind == ChannelKind.Email && c.Enabled)
                    .ToListAsync(stoppingToken);
                foreach (var gone in _watching.Keys.Except(mailboxes.Select(c => c.Id)))
                {
                    if (_watching.TryRemove(gone, out var cts))
                    {
                        await cts.CancelAsync();
                    }
                }
                foreach (var channel in mailboxes.Where(c => !_watching.ContainsKey(c.Id)))
                {
                    var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    _watching[channel.Id] = cts;
                    tasks.Add(WatchAsync(channel, cts.Token));
                }
                tasks.RemoveAll(t => t.IsCompleted);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Could not list the mailboxes to watch");
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

    private async Task WatchAsync(Channel channel, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var account = secrets.Unprotect<EmailAccount>(channel);
                using var imap = await connector.OpenImapAsync(account, ct);
                if (!imap.Capabilities.HasFlag(ImapCapabilities.Idle))
                {
                    log.LogInformation("Mailbox of channel {ChannelId} has no IDLE: polled every {Interval}", channel.Id, channel.PollInterval);
                    return;
                }
                var folder = await imap.GetFolderAsync(account.Folder, ct);
                await folder.OpenAsync(FolderAccess.ReadOnly, ct);
                await IdleUntilCancelledAsync(imap, folder, channel, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The poller reports the mailbox's errors on the channel; the watcher just tries again later.
                log.LogDebug(ex, "IDLE on channel {ChannelId} stopped", channel.Id);
            }
            finally
            {
                _idling[channel.Id] = false;
            }
            try
            {
                await Task.Delay(Refresh, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task IdleUntilCancelledAsync(ImapClient imap, IMailFolder folder, Channel channel, CancellationToken ct)
    {
        // One handler for the whole connection: a count change reported during NOOP, between two IDLEs, counts too.
        var arrived = 0;
        CancellationTokenSource? idling = null;
        void OnCountChanged(object? sender, EventArgs e)
        {
            Interlocked.Exchange(ref arrived, 1);
            idling?.Cancel();
        }
        folder.CountChanged += OnCountChanged;
        try
        {
            // IDLE only tells of what arrives from now on: what came after the last poll and before this connection
            // (the channel was just added, or the watcher reconnected) is read by a poll at once.
            await MakeDueAsync(channel.Id, ct);
            while (!ct.IsCancellationRequested)
            {
                using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
                done.CancelAfter(IdleRenewal);
                idling = done;
                if (Volatile.Read(ref arrived) == 0)
                {
                    try
                    {
                        _idling[channel.Id] = true;
                        await imap.IdleAsync(done.Token, ct);
                    }
                    finally
                    {
                        _idling[channel.Id] = false;
                    }
                }
                idling = null;
                if (Interlocked.Exchange(ref arrived, 0) == 1)
                {
                    await MakeDueAsync(channel.Id, ct);
                }
                else
                {
                    await imap.NoOpAsync(ct);
                }
            }
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
    }

    private async Task MakeDueAsync(int channelId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Channels.Where(c => c.Id == channelId).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextPollAt, now), ct);
        polling.Wake();
    }
}
