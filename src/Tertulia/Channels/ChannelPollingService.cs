using Microsoft.Extensions.Options;
using Tertulia.Storage;

namespace Tertulia.Channels;

public sealed class PollingOptions
{
    /// <summary>How often the store is asked which channels are due.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Channels polled at the same time.</summary>
    public int Concurrency { get; set; } = 4;
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
    ILogger<ChannelPollingService> log) : BackgroundService
{
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
        List<int> due;
        do
        {
            // Shared store: claim only what this node polls now, so the other nodes get the rest.
            due = await leases.ClaimDueAsync(leases.Shared ? concurrency : 100, ct);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (channelId, token) =>
                {
                    await using var lease = leases.Hold(channelId, token);
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<ChannelPoller>().PollAsync(channelId, token);
                });
        }
        while (leases.Shared && due.Count == concurrency && !ct.IsCancellationRequested);
    }
}
