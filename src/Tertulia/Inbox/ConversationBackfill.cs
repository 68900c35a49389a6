using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>
/// Mentions stored before the inbox existed (an upgraded store) are grouped into conversations at start-up, in
/// batches by id, parents before their replies; new mentions are grouped by the pipeline as they are stored.
/// </summary>
public sealed class ConversationBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    ConversationThreading threading,
    WriteGate writeGate,
    ILogger<ConversationBackfill> log) : BackgroundService
{
    public const int BatchSize = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
            {
                log.LogInformation("Grouped {Count} mentions stored before the inbox existed into conversations", done);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "Conversation backfill failed; it will run again at the next start");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        long after = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var batch = await db.Mentions.AsNoTracking()
                .Where(m => m.Id > after && !m.IsSpam && !db.ConversationMessages.Any(cm => cm.MentionId == m.Id))
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            after = batch[^1].Id;
            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Checked again under the gate: the pipeline may have grouped some meanwhile.
                var ids = batch.Select(m => m.Id).ToList();
                var grouped = (await db.ConversationMessages.Where(cm => ids.Contains(cm.MentionId)).Select(cm => cm.MentionId).ToListAsync(ct)).ToHashSet();
                var fresh = batch.Where(m => !grouped.Contains(m.Id)).ToList();
                total += await threading.ThreadAsync(db, fresh, _ => false, ct);
                await tx.CommitAsync(ct);
            }
        }
        return total;
    }
}
