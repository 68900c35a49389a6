using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Channels;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Ideas;

public sealed class IdeasOptions
{
    /// <summary>How often mentions that became suggestions outside the pipeline (re-understood, older stores) are placed.</summary>
    public TimeSpan BackfillEvery { get; set; } = TimeSpan.FromMinutes(10);
    public bool BackfillEnabled { get; set; } = true;
    /// <summary>Suggestions one address may send with a public form per window.</summary>
    public int FormPermitLimit { get; set; } = 5;
    public TimeSpan FormWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Suggestions stored before ideas existed, or read as suggestions later (Understanding re-reads older mentions), join
/// ideas too: at start and then now and again, in batches, through the same placement as the pipeline.
/// </summary>
public sealed class SuggestionBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    SuggestionIntake intake,
    WriteGate writeGate,
    IOptions<IdeasOptions> options,
    ILogger<SuggestionBackfill> log) : BackgroundService
{
    public const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackfillEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var done = await RunAsync(stoppingToken);
                if (done > 0)
                {
                    log.LogInformation("Placed {Count} earlier suggestions into ideas", done);
                }
                await Task.Delay(options.Value.BackfillEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Suggestion backfill failed; it tries again later");
                await Task.Delay(options.Value.BackfillEvery, stoppingToken);
            }
        }
    }

    /// <summary>Places every suggestion not in an idea yet, oldest first; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        long after = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var forms = db.Channels.Where(c => c.Kind == ChannelKind.IdeasForm).Select(c => c.Id);
                var batch = await db.Mentions
                    .Where(m => m.Id > after && !m.IsSpam && (m.Intent == Intent.Suggestion || forms.Contains(m.ChannelId)))
                    .Where(m => !db.Suggestions.Any(s => s.MentionId == m.Id))
                    .Where(m => !db.ConversationMessages.Any(cm => cm.MentionId == m.Id && cm.FromBrand))
                    .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    return total;
                }
                after = batch[^1].Id;
                total += await intake.PlaceAsync(db, batch, ct);
                await tx.CommitAsync(ct);
            }
        }
        return total;
    }
}
