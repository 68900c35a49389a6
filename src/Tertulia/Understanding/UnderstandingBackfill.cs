using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Understanding;

/// <summary>
/// Mentions stored before Tertulia understood them (an upgraded store) get their language, sentiment and intent at
/// start-up, in batches by id, each row visited once per start so a text the models cannot read never loops.
/// </summary>
public sealed class UnderstandingBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    UnderstandingEnricher enricher,
    WriteGate writeGate,
    ILogger<UnderstandingBackfill> log) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
            {
                log.LogInformation("Understood {Count} mentions stored before understanding existed", done);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "Understanding backfill failed; it will run again at the next start");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        long after = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var batch = await db.Mentions.Where(m => m.Id > after && m.Sentiment == null)
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            after = batch[^1].Id;
            foreach (var mention in batch)
            {
                try
                {
                    enricher.Enrich(mention);
                }
                catch (Exception ex)
                {
                    log.LogWarning(ex, "Could not understand mention {MentionId}", mention.Id);
                }
            }
            using (await writeGate.EnterAsync(ct))
            {
                await db.SaveChangesAsync(ct);
            }
            total += batch.Count;
        }
        return total;
    }
}
