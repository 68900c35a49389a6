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
            var finished = db.Set<RollupBackfillState>().Where(s => s.FinishedAt != null).Select(s => s.WorkspaceId);
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
        }
        return total;
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
