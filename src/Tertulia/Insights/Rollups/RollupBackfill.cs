using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Insights.Rollups;

/// <summary>How far the rollups of a workspace were built from mentions stored before Insights existed.</summary>
public sealed class RollupBackfillState
{
    public int WorkspaceId { get; set; }
    /// <summary>The last mention whose hours were rebuilt: the cursor.</summary>
    public long AfterMentionId { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>When the daily rollups were added up from the hourly ones (a store from before they existed).</summary>
    public DateTimeOffset? DailyFinishedAt { get; set; }
    /// <summary>When the contact hours were linked into chains (a store from before ContactChains).</summary>
    public DateTimeOffset? ChainsFinishedAt { get; set; }
}

/// <summary>
/// Counts the mentions stored before the rollups existed (an upgraded store), at start-up, batch by batch in id
/// order; the cursor moves in the same transaction as the rebuilt hours, so a restart resumes. New mentions are
/// counted by the pipeline meanwhile: rebuilding an hour twice gives the same rows.
/// </summary>
public sealed class RollupBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    RollupBuilder builder,
    WriteGate writeGate,
    TimeProvider clock,
    ILogger<RollupBackfill> log) : BackgroundService
{
    public const int BatchSize = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
            {
                log.LogInformation("Counted {Count} mentions stored before the insights rollups existed", done);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "Rollup backfill failed; it will run again at the next start");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        List<int> workspaces;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var finished = db.Set<RollupBackfillState>().Where(s => s.FinishedAt != null && s.DailyFinishedAt != null && s.ChainsFinishedAt != null).Select(s => s.WorkspaceId);
            workspaces = await db.Workspaces.Where(w => !finished.Contains(w.Id)).Select(w => w.Id).ToListAsync(ct);
        }
        foreach (var workspace in workspaces)
        {
            while (!ct.IsCancellationRequested)
            {
                var (counted, more) = await RunBatchAsync(workspace, ct);
                total += counted;
                if (!more)
                {
                    break;
                }
            }
            await RunDailyAsync(workspace, ct);
            await RunChainsAsync(workspace, ct);
        }
        return total;
    }

    /// <summary>
    /// Links the contact hours of a store from before ContactChains existed, a batch of contacts per transaction in id
    /// order (new hours are linked by the pipeline meanwhile; linking twice gives the same chains).
    /// </summary>
    private async Task RunChainsAsync(int workspaceId, CancellationToken ct)
    {
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var state = await db.Set<RollupBackfillState>().AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
            if (state?.FinishedAt is null || state.ChainsFinishedAt is not null)
            {
                return;
            }
        }
        var after = 0;
        var linked = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await StoreLocks.RollupsAsync(db, workspaceId, ct);
                var contacts = await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == workspaceId && r.ContactId > after)
                    .Select(r => r.ContactId).Distinct().OrderBy(c => c).Take(BatchSize).ToListAsync(ct);
                await ContactChains.RelinkAsync(db, workspaceId, contacts, ct);
                if (contacts.Count < BatchSize)
                {
                    var state = await db.Set<RollupBackfillState>().SingleAsync(s => s.WorkspaceId == workspaceId, ct);
                    state.ChainsFinishedAt = clock.GetUtcNow();
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                linked += contacts.Count;
                if (contacts.Count < BatchSize)
                {
                    break;
                }
                after = contacts[^1];
            }
        }
        log.LogInformation("Contact hours linked for workspace {Workspace} ({Contacts} contacts)", workspaceId, linked);
    }

    /// <summary>Adds the stored hourly rows up into daily ones, a month of days per transaction (new mentions keep both).</summary>
    private async Task RunDailyAsync(int workspaceId, CancellationToken ct)
    {
        DateTimeOffset? first, last;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var state = await db.Set<RollupBackfillState>().AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
            if (state?.FinishedAt is null || state.DailyFinishedAt is not null)
            {
                return;
            }
            var hours = db.Set<HourlyRollup>().Where(r => r.WorkspaceId == workspaceId).Select(r => r.Hour)
                .Concat(db.Set<TermHourlyRollup>().Where(r => r.WorkspaceId == workspaceId).Select(r => r.Hour));
            first = await hours.MinAsync(h => (DateTimeOffset?)h, ct);
            last = await hours.MaxAsync(h => (DateTimeOffset?)h, ct);
        }
        var days = first is null ? [] : Days.Touched(first.Value, last!.Value.AddHours(1)).ToList();
        for (var i = 0; i <= days.Count && !ct.IsCancellationRequested; i += 31)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await StoreLocks.RollupsAsync(db, workspaceId, ct);
                await builder.RebuildDaysAsync(db, workspaceId, days.Skip(i).Take(31), ct);
                if (i + 31 > days.Count)
                {
                    var state = await db.Set<RollupBackfillState>().SingleAsync(s => s.WorkspaceId == workspaceId, ct);
                    state.DailyFinishedAt = clock.GetUtcNow();
                    await db.SaveChangesAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
        }
        log.LogInformation("Daily rollups added up for workspace {Workspace} ({Days} days)", workspaceId, days.Count);
    }

    private async Task<(int Counted, bool More)> RunBatchAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Other nodes: the same lock the pipeline takes to store into this workspace.
            await StoreLocks.ListeningAsync(db, workspaceId, shared: false, ct);
            var state = await db.Set<RollupBackfillState>().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
            if (state is null)
            {
                state = new RollupBackfillState { WorkspaceId = workspaceId };
                db.Add(state);
            }
            if (state.FinishedAt is not null)
            {
                return (0, false);
            }
            var after = state.AfterMentionId;
            var batch = await db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Id > after)
                .OrderBy(m => m.Id).Take(BatchSize).Select(m => new { m.Id, m.Published }).ToListAsync(ct);
            await builder.RebuildAsync(db, workspaceId, batch.Select(m => m.Published), ct);
            state.AfterMentionId = batch.Count > 0 ? batch[^1].Id : after;
            if (batch.Count < BatchSize)
            {
                state.FinishedAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (batch.Count, batch.Count == BatchSize);
        }
    }
}
