using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tertulia.Storage;

namespace Tertulia.Channels;

public sealed class PollingOptions
{
    /// <summary>How often the store is asked which channels are due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Channels polled at the same time.</summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>Channels polled at the same time on one host.</summary>
    public int PerHost { get; set; } = 2;
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// Several nodes on PostgreSQL: how long a node's claim on a channel lasts without renewal (it renews a third of
    /// the way). A node that dies without releasing its channels holds them this long at most.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// The longest one poll of a channel may take, all its fetches together (a blog and its comment feeds, a mailbox
    /// session). Each fetch has its own limits (Tertulia:Network); this bounds an adapter that makes many of them.
    /// </summary>
    public TimeSpan MaxPollTime { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The database is the schedule: every tick asks the store for enabled channels whose NextPollAt has
/// passed and starts their polls without waiting for the ones already running, so a slow server delays only its own
/// channel — never the next tick, other hosts, other workspaces or "poll now". At most
/// <see cref="PollingOptions.Concurrency"/> polls talk at once; a poll waiting for its host's turn holds no slot.
/// Losing this loop (a restart) loses nothing. With several nodes on one PostgreSQL, each node claims only as many
/// due channels as it has free slots (<see cref="ChannelLeases"/>), so the others get the rest.
/// </summary>
public sealed class ChannelPollingService(
    IServiceScopeFactory scopes,
    ChannelLeases leases,
    IOptions<PollingOptions> options,
    IEnumerable<IChannelAdapter> adapters,
    HostLimiter hosts,
    ILogger<ChannelPollingService> log) : BackgroundService
{
    /// <summary>Webhook and import channels have nothing to poll: others bring their mentions in.</summary>
    private readonly List<ChannelKind> _pollable = adapters.Select(a => a.Kind).Distinct().ToList();

    private readonly SemaphoreSlim _wake = new(0);

    private readonly SemaphoreSlim _slots = new(Math.Max(options.Value.Concurrency, 1));

    /// <summary>Polls started and not yet finished, by channel: a channel is never polled twice at once.</summary>
    private readonly ConcurrentDictionary<int, Task> _running = new();

    /// <summary>Polls past their host's turn: holding a slot or next in line for one.</summary>
    private int _atSlots;

    /// <summary>Asks the loop to look for due channels now (a channel was added or "poll now" pressed).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StartDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Polling round failed");
            }
            try
            {
                await _wake.WaitAsync(options.Value.Tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await Task.WhenAll(_running.Values);
    }

    /// <summary>Starts the polls of the channels due now and waits for those to finish (one round, for callers that need it done).</summary>
    public async Task PollDueAsync(CancellationToken ct) => await Task.WhenAll(await StartDueAsync(ct));

    /// <summary>Starts the polls of the channels due now that are not running yet; returns them without waiting.</summary>
    public async Task<IReadOnlyList<Task>> StartDueAsync(CancellationToken ct)
    {
        var concurrency = Math.Max(options.Value.Concurrency, 1);
        // Shared store: claim only what this node has room to poll, so the other nodes get the rest. A poll waiting
        // for its (slow) host's turn takes no room, or one slow host would stop this node's other channels; the
        // second bound keeps a node from hoarding every channel of such a host.
        var room = leases.Shared
            ? Math.Min(concurrency - Volatile.Read(ref _atSlots), 4 * concurrency - _running.Count)
            : 100;
        if (room <= 0)
        {
            return [];
        }
        var due = await leases.ClaimDueAsync(_pollable, room, [.. _running.Keys], ct);
        var started = new List<Task>();
        foreach (var channel in due)
        {
            var poll = new TaskCompletionSource();
            if (!_running.TryAdd(channel.Id, poll.Task))
            {
                continue;
            }
            started.Add(RunAsync(channel, poll, ct));
        }
        return started;
    }

    private async Task RunAsync((int Id, string Source) channel, TaskCompletionSource done, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await using var lease = leases.Hold(channel.Id, ct);
            using var host = await hosts.EnterAsync(HostLimiter.HostOf(channel.Source), ct);
            Interlocked.Increment(ref _atSlots);
            try
            {
                await _slots.WaitAsync(ct);
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<ChannelPoller>().PollAsync(channel.Id, ct);
                }
                finally
                {
                    _slots.Release();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _atSlots);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Polling channel {ChannelId} failed", channel.Id);
        }
        finally
        {
            _running.TryRemove(channel.Id, out _);
            done.TrySetResult();
            // A slot came free: on a shared store this node may now claim another due channel.
            Wake();
        }
    }
}
