using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>Queues and reports re-tagging jobs.</summary>
public static class RetagJobs
{
    /// <summary>A new job for <paramref name="query"/>; unfinished older ones are superseded, since this one redoes everything.</summary>
    public static async Task EnqueueAsync(TertuliaDb db, ListeningQuery query, DateTimeOffset now, CancellationToken ct)
    {
        await db.RetagJobs.Where(j => j.QueryId == query.Id && j.FinishedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Superseded, true).SetProperty(j => j.FinishedAt, now), ct);
        var total = await db.Mentions.CountAsync(m => m.WorkspaceId == query.WorkspaceId, ct);
        db.RetagJobs.Add(new RetagJob { WorkspaceId = query.WorkspaceId, QueryId = query.Id, CreatedAt = now, Total = total });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The latest job of each of these queries.</summary>
    public static async Task<Dictionary<int, RetagJob>> LatestAsync(TertuliaDb db, IReadOnlyCollection<int> queryIds, CancellationToken ct)
    {
        var jobs = await db.RetagJobs.AsNoTracking()
            .Where(j => queryIds.Contains(j.QueryId) && !j.Superseded)
            .GroupBy(j => j.QueryId)
            .Select(g => g.OrderByDescending(j => j.Id).First())
            .ToListAsync(ct);
        return jobs.ToDictionary(j => j.QueryId);
    }
}

/// <summary>Wakes the re-tag worker when a job is queued, instead of waiting for its next look at the table.</summary>
public sealed class RetagSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try
            {
                _semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await _semaphore.WaitAsync(timeout, ct);
}
