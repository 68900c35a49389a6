using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>Deletes a listening query with its tags and re-tag jobs.</summary>
public sealed class DeleteListeningQuery(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate)
{
    public async Task<bool> HandleAsync(int workspaceId, int queryId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Through the write gate and the listening lock (other nodes): a pipeline batch re-matches when the queries
        // changed, instead of storing tags of a query that is gone.
        using var gate = await writeGate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await StoreLocks.ListeningAsync(db, workspaceId, shared: false, ct);
        var deleted = await db.ListeningQueries.Where(q => q.Id == queryId && q.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) == 1;
        await tx.CommitAsync(ct);
        return deleted;
    }
}
