using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// Mentions stored before contacts existed (an upgraded store) get their contact at start-up, in batches by id through
/// the same resolver as ingestion, each batch in its own transaction behind the write gate.
/// </summary>
public sealed class ContactBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    ContactResolver resolver,
    WriteGate writeGate,
    ILogger<ContactBackfill> log) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
            {
                log.LogInformation("Found the contacts of {Count} mentions stored before contacts existed", done);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "Contact backfill failed; it will run again at the next start");
        }
    }

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
                var batch = await db.Mentions
                    .Where(m => m.Id > after && m.ContactId == null && (m.Author != null || m.AuthorUrl != null))
                    .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    return total;
                }
                // Rows visited once per start: an author no identity can be read from does not loop.
                after = batch[^1].Id;
                var channelIds = batch.Select(m => m.ChannelId).Distinct().ToList();
                var channels = await db.Channels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToListAsync(ct);
                foreach (var channel in channels)
                {
                    await resolver.ResolveAsync(db, channel, batch.Where(m => m.ChannelId == channel.Id).ToList(), ct);
                }
                await tx.CommitAsync(ct);
                total += batch.Count;
            }
        }
        return total;
    }
}
