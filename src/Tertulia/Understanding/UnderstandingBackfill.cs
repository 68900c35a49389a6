using Microsoft.EntityFrameworkCore;
using Tertulia.Ingestion;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Understanding;

/// <summary>
/// Re-reads stored mentions at start-up when the models changed: those never understood (an upgraded store) and those
/// understood by other models (<see cref="Mention.UnderstoodWith"/> is not <see cref="Understander.Version"/>), in
/// batches by id, each row visited once per start so a text the models cannot read never loops. A mention whose
/// sentiment or language changed is matched again against its workspace's active listening queries
/// (<c>sentiment:</c>, <c>lang:</c>), and its query tags are replaced in the same transaction as its new reading, so
/// a crash part-way leaves no mention re-read but wrongly tagged.
/// </summary>
public sealed class UnderstandingBackfill(
    IDbContextFactory<TertuliaDb> dbs,
    UnderstandingEnricher enricher,
    Understander understander,
    WriteGate writeGate,
    IEnumerable<IMentionsChangedHandler> changedHandlers,
    ILogger<UnderstandingBackfill> log) : BackgroundService
{
    private readonly IMentionsChangedHandler[] _changedHandlers = changedHandlers.ToArray();

    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
            {
                log.LogInformation("Understood {Count} mentions again with models {Version}", done, understander.Version);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            log.LogError(ex, "Understanding backfill failed; it will run again at the next start");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var version = understander.Version;
        var total = 0;
        long after = 0;
        var queries = new Dictionary<int, (QuerySet? Set, Dictionary<int, string> Channels)>();
        while (!ct.IsCancellationRequested)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var batch = await db.Mentions.Where(m => m.Id > after && (m.Sentiment == null || m.UnderstoodWith != version))
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return total;
            }
            after = batch[^1].Id;
            var changed = new List<Mention>();
            var recounted = new List<Mention>();
            foreach (var mention in batch)
            {
                var (sentiment, language, intent, spam) = (mention.Sentiment, mention.Language, mention.Intent, mention.IsSpam);
                try
                {
                    enricher.Enrich(mention);
                }
                catch (Exception ex)
                {
                    log.LogWarning(ex, "Could not understand mention {MentionId}", mention.Id);
                }
                if (mention.Sentiment != sentiment || mention.Language != language)
                {
                    changed.Add(mention);
                }
                if (mention.Sentiment != sentiment || mention.Intent != intent || mention.IsSpam != spam)
                {
                    recounted.Add(mention);
                }
            }

            var matches = new List<QueryMatch>();
            var retagged = new Dictionary<int, List<long>>();
            foreach (var workspace in changed.GroupBy(m => m.WorkspaceId))
            {
                if (!queries.TryGetValue(workspace.Key, out var active))
                {
                    active = (await ActiveQueries.LoadAsync(db, workspace.Key, log, ct),
                        await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspace.Key)
                            .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct));
                    queries[workspace.Key] = active;
                }
                if (active.Set is not { } set)
                {
                    continue;
                }
                var scan = set.NewScan();
                var ids = new List<int>();
                foreach (var mention in workspace)
                {
                    ids.Clear();
                    var document = MentionDocument.From(mention) with { Channel = active.Channels.GetValueOrDefault(mention.ChannelId) };
                    set.Match(document, scan, ids);
                    matches.AddRange(ids.Select(id => new QueryMatch { QueryId = id, MentionId = mention.Id }));
                }
                retagged[workspace.Key] = workspace.Select(m => m.Id).ToList();
            }

            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                foreach (var (workspace, mentionIds) in retagged)
                {
                    var queryIds = queries[workspace].Set!.Ids.ToList();
                    await db.QueryMatches.Where(q => mentionIds.Contains(q.MentionId) && queryIds.Contains(q.QueryId)).ExecuteDeleteAsync(ct);
                }
                db.QueryMatches.AddRange(matches);
                await db.SaveChangesAsync(ct);
                // Counted by sentiment and intent elsewhere (Insights): their hours are counted again.
                foreach (var workspace in recounted.GroupBy(m => m.WorkspaceId))
                {
                    foreach (var handler in _changedHandlers)
                    {
                        await handler.OnChangedAsync(db, workspace.Key, workspace.Select(m => m.Published).ToList(), ct);
                    }
                }
                await tx.CommitAsync(ct);
            }
            total += batch.Count;
        }
        return total;
    }
}
