using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Storage;

namespace Tertulia.Channels;

/// <summary>
/// Who polls which channel. On PostgreSQL several nodes share the schedule: a node claims due channels with
/// FOR UPDATE SKIP LOCKED (two nodes never claim the same one), renews its lease while it polls and releases it
/// after. A node that dies stops renewing; once its leases lapse, the other nodes take its channels, and the
/// pipeline's dedupe plus a cursor that moves only with the stored items make the retake lose and double nothing.
/// Lease times are the database's clock, so nodes' clocks need not agree. On SQLite one process owns the file:
/// due channels are simply read, as before.
/// </summary>
public sealed class ChannelLeases(
    IDbContextFactory<TertuliaDb> dbs,
    StoreConnection store,
    IOptions<PollingOptions> options,
    TimeProvider clock,
    ILogger<ChannelLeases> log)
{
    /// <summary>This node's name in the Channels table: host, process and a random tail (a restarted process is a new node).</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether other nodes may share the schedule (PostgreSQL).</summary>
    public bool Shared => store.Kind == StoreKind.Postgres;

    private ILogger Log => log;

    private double LeaseSeconds => Math.Max(options.Value.LeaseDuration.TotalSeconds, 1);

    /// <summary>Due channels of the <paramref name="kinds"/> that have something to poll, claimed for this node on PostgreSQL.</summary>
    /// <param name="running">Channels this node polls right now (on PostgreSQL their lease already keeps them out).</param>
    public async Task<List<(int Id, string Source)>> ClaimDueAsync(
        IReadOnlyCollection<ChannelKind> kinds, int max, IReadOnlyCollection<int> running, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!Shared)
        {
            var rows = await db.Channels
                .Where(c => c.Enabled && c.NextPollAt <= now && kinds.Contains(c.Kind) && !running.Contains(c.Id))
                .OrderBy(c => c.NextPollAt)
                .Select(c => new { c.Id, c.Source })
                .Take(max)
                .ToListAsync(ct);
            return rows.ConvertAll(r => (r.Id, r.Source));
        }
        var kindNames = kinds.Select(k => k.ToString()).ToArray();
        var claimed = await db.Database.SqlQuery<ClaimedChannel>($"""
            UPDATE "Channels" SET "LeasedBy" = {Node}, "LeaseExpiresAt" = clock_timestamp() + make_interval(secs => {LeaseSeconds})
            WHERE "Id" IN (
                SELECT "Id" FROM "Channels"
                WHERE "Enabled" AND "NextPollAt" <= {now} AND "Kind" = ANY({kindNames})
                    AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= clock_timestamp())
                ORDER BY "NextPollAt"
                LIMIT {max}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id", "Source"
            """).ToListAsync(ct);
        return claimed.ConvertAll(c => (c.Id, c.Source));
    }

    private sealed class ClaimedChannel
    {
        public int Id { get; set; }
        public string Source { get; set; } = "";
    }

    /// <summary>Keeps this node's lease on <paramref name="channelId"/> alive until disposed, then releases it.</summary>
    public Lease Hold(int channelId, CancellationToken ct) => new(this, channelId, Shared, ct);

    private async Task RenewAsync(int channelId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var renewed = await db.Database.ExecuteSqlAsync($"""
            UPDATE "Channels" SET "LeaseExpiresAt" = clock_timestamp() + make_interval(secs => {LeaseSeconds})
            WHERE "Id" = {channelId} AND "LeasedBy" = {Node}
            """, ct);
        if (renewed == 0)
        {
            log.LogWarning("Lost the lease on channel {ChannelId}: another node may poll it too", channelId);
        }
    }

    private async Task ReleaseAsync(int channelId)
    {
        await using var db = await dbs.CreateDbContextAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Channels" SET "LeasedBy" = NULL, "LeaseExpiresAt" = NULL
            WHERE "Id" = {channelId} AND "LeasedBy" = {Node}
            """);
    }

    /// <summary>A claim being held: renewed a third of the way through its duration, released on dispose.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly ChannelLeases _leases;
        private readonly int _channelId;
        private readonly CancellationTokenSource? _stop;
        private readonly Task _renewing = Task.CompletedTask;

        internal Lease(ChannelLeases leases, int channelId, bool shared, CancellationToken ct)
        {
            _leases = leases;
            _channelId = channelId;
            if (shared)
            {
                _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                _renewing = RenewAsync(_stop.Token);
            }
        }

        private async Task RenewAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_leases.LeaseSeconds / 3));
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    await _leases.RenewAsync(_channelId, ct);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                _leases.Log.LogWarning(ex, "Renewing the lease on channel {ChannelId} failed", _channelId);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_stop is null)
            {
                return;
            }
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _leases.ReleaseAsync(_channelId);
            }
            catch (Exception ex)
            {
                // The lease lapses by itself; the channel is only late.
                _leases.Log.LogWarning(ex, "Releasing the lease on channel {ChannelId} failed", _channelId);
            }
        }
    }
}
