using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Listening;

public sealed class RetagOptions
{
    /// <summary>Mentions re-tagged per transaction.</summary>
    public int BatchSize { get; set; } = 1000;
    /// <summary>How often the job table is looked at when nothing woke the worker.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Re-tags stored mentions after a listening query changed. The RetagJobs table is the schedule: each batch moves
/// the job's cursor in the same transaction as its tags, so stopping at any point loses nothing.
/// </summary>
public sealed class RetagWorker(
    IDbContextFactory<TertuliaDb> dbs,
    WriteGate writeGate,
    RetagSignal signal,
    IOptions<RetagOptions> options,
    TimeProvider clock,
    IEnumerable<IMentionsChangedHandler> changedHandlers,
    ILogger<RetagWorker> log) : BackgroundService
{
    private readonly IMentionsChangedHandler[] _changedHandlers = changedHandlers.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunBatchAsync(stoppingToken))
                {
                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Re-tagging failed; retrying later");
            }
            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Advances the oldest unfinished job by one batch; false when there is nothing to do.</summary>
    public async Task<bool> RunBatchAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var job = await db.RetagJobs.Where(j => j.FinishedAt == null).OrderBy(j => j.Id).FirstOrDefaultAsync(ct);
        if (job is null)
        {
            return false;
        }
        var query = await db.ListeningQueries.AsNoTracking().SingleOrDefaultAsync(q => q.Id == job.QueryId, ct);
        QueryNode? node = null;
        if (query is null || (query.Active && !QueryParser.TryParse(query.Expression, out node, out _)))
        {
            job.FinishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return true;
        }

        var batch = await db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == job.WorkspaceId && m.Id > job.AfterMentionId)
            .OrderBy(m => m.Id)
            .Take(options.Value.BatchSize)
            .AsDocuments()
            .ToListAsync(ct);
        var matched = new List<long>();
        if (node is not null && batch.Count > 0)
        {
            var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == job.WorkspaceId)
                .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct);
            var set = QuerySet.Compile(node);
            var scan = set.NewScan();
            foreach (var m in batch)
            {
                scan.Load(m.InChannel(channels));
                if (set.Matches(0, scan))
                {
                    matched.Add(m.Id);
                }
            }
        }

        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Exclusive against query saves and pipeline batches of the workspace, on every node.
            await StoreLocks.ListeningAsync(db, job.WorkspaceId, shared: false, ct);
            var after = job.AfterMentionId;
            // Matched outside the lock: meanwhile a newer save may have superseded this job, or another node's worker
            // may have written this very batch. Then it is dropped; the job's state says what is still to do.
            var current = await db.RetagJobs.AsNoTracking().Where(j => j.Id == job.Id)
                .Select(j => new { j.FinishedAt, j.AfterMentionId }).SingleOrDefaultAsync(ct);
            if (current is null || current.FinishedAt is not null || current.AfterMentionId != after)
            {
                return true;
            }
            var changed = batch.ConvertAll(m => m.Published);
            if (node is null)
            {
                // Counted per hour elsewhere (Insights): the hours of the tags that go.
                changed = _changedHandlers.Length == 0 ? [] : await db.QueryMatches.Where(q => q.QueryId == job.QueryId)
                    .Join(db.Mentions, q => q.MentionId, m => m.Id, (q, m) => m.Published).ToListAsync(ct);
                // An inactive query keeps no tags: all go at once (the pipeline adds none while it is inactive).
                await db.QueryMatches.Where(q => q.QueryId == job.QueryId).ExecuteDeleteAsync(ct);
            }
            else if (batch.Count > 0)
            {
                // Exactly the mentions read, not their id range: on PostgreSQL another node may have committed a
                // mention with a lower id since, matched (under the listening lock) with this very query version.
                var read = batch.ConvertAll(m => m.Id);
                await db.QueryMatches.Where(q => q.QueryId == job.QueryId && read.Contains(q.MentionId)).ExecuteDeleteAsync(ct);
            }
            db.QueryMatches.AddRange(matched.Select(id => new QueryMatch { QueryId = job.QueryId, MentionId = id }));
            job.Done += node is null ? job.Total - job.Done : batch.Count;
            job.Matched += matched.Count;
            job.AfterMentionId = batch.Count > 0 ? batch[^1].Id : after;
            if (batch.Count < options.Value.BatchSize || node is null)
            {
                job.Done = Math.Max(job.Done, job.Total);
                job.FinishedAt = clock.GetUtcNow();
            }
            await db.SaveChangesAsync(ct);
            foreach (var handler in _changedHandlers)
            {
                await handler.OnChangedAsync(db, job.WorkspaceId, changed, ct);
            }
            await tx.CommitAsync(ct);
        }
        if (job.FinishedAt is not null)
        {
            log.LogInformation("Query {QueryId} re-tagged: {Matched} of {Done} mentions match", job.QueryId, job.Matched, job.Done);
        }
        return true;
    }
}
