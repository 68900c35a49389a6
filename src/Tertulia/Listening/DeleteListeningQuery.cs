using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>Deletes a listening query with its tags and re-tag jobs.</summary>
public sealed class DeleteListeningQuery(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate)
{
    public async Task<bool> HandleAsync(int workspaceId, int queryId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Through the write gate: a pipeline batch re-matches under the gate when the queries changed, instead of
        // storing tags of a query that is gone.
        using var gate = await writeGate.EnterAsync(ct);
        return await db.ListeningQueries.Where(q => q.Id == queryId && q.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) == 1;
    }
}
