using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>Loads and compiles a workspace's active listening queries for the pipeline.</summary>
public static class ActiveQueries
{
    /// <summary>Changes whenever a query of the workspace is added, edited or deleted.</summary>
    public static async Task<(int Count, DateTimeOffset? LastUpdate)> VersionAsync(TertuliaDb db, int workspaceId, CancellationToken ct)
    {
        var queries = db.ListeningQueries.Where(q => q.WorkspaceId == workspaceId);
        return (await queries.CountAsync(ct), await queries.MaxAsync(q => (DateTimeOffset?)q.UpdatedAt, ct));
    }

    public static async Task<QuerySet?> LoadAsync(TertuliaDb db, int workspaceId, ILogger log, CancellationToken ct)
    {
        var queries = await db.ListeningQueries.AsNoTracking()
            .Where(q => q.WorkspaceId == workspaceId && q.Active)
            .Select(q => new { q.Id, q.Expression })
            .ToListAsync(ct);
        var parsed = new List<(int, QueryNode)>(queries.Count);
        foreach (var query in queries)
        {
            if (QueryParser.TryParse(query.Expression, out var node, out var error))
            {
                parsed.Add((query.Id, node!));
            }
            else
            {
                // Saved queries are validated; one from an older version that no longer parses is skipped, not fatal.
                log.LogWarning("Listening query {QueryId} skipped: {Error}", query.Id, error!.Message);
            }
        }
        return parsed.Count == 0 ? null : QuerySet.Compile(parsed);
    }
}
