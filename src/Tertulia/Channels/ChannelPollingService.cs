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
}

/// <summary>
/// The database is the schedule: every tick asks the store for enabled channels whose NextPollAt has
/// passed and polls them with bounded concurrency. Losing this loop (a restart) loses nothing. With several
/// nodes on one PostgreSQL, each node claims the channels it polls (<see cref="ChannelLeases"/>).
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
                await PollDueAsync(stoppingToken);
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
                return;
            }
        }
    }

    public async Task PollDueAsync(CancellationToken ct)
    {
        var concurrency = Math.Max(options.Value.Concurrency, 1);
        List<(int Id, string Source)> due;
        do
        {
            // Shared store: claim only what this node polls now, so the other nodes get the rest.
            due = await leases.ClaimDueAsync(_pollable, leases.Shared ? concurrency : 100, ct);
            await Parallel.ForEachAsync(Interleave(due), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (channel, token) =>
                {
                    await using var lease = leases.Hold(channel.Id, token);
                    using var slot = await hosts.EnterAsync(HostLimiter.HostOf(channel.Source), token);
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<ChannelPoller>().PollAsync(channel.Id, token);
                });
        }
        while (leases.Shared && due.Count == concurrency && !ct.IsCancellationRequested);
    }

    /// <summary>Round-robin over hosts, so the workers waiting for a busy host are few and other hosts go on.</summary>
    private static IEnumerable<(int Id, string Source)> Interleave(List<(int Id, string Source)> due)
    {
        var queues = due.GroupBy(c => HostLimiter.HostOf(c.Source), StringComparer.OrdinalIgnoreCase)
            .Select(g => new Queue<(int, string)>(g))
            .ToList();
        while (queues.Count > 0)
        {
            foreach (var queue in queues)
            {
                yield return queue.Dequeue();
            }
            queues.RemoveAll(q => q.Count == 0);
        }
    }
}
