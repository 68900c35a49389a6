using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// One evaluation of a workspace's incidents at a time across nodes (a transaction-scoped advisory lock, as
/// <see cref="StoreLocks"/> takes for mentions): two nodes that stored mentions of the same storm open one incident and
/// send one notification. On SQLite the <see cref="WriteGate"/> already orders the one process's writers.
/// </summary>
public static class AlertLocks
{
    // The first half of the two-int advisory key, beside StoreLocks' 0x5445_0001.. spaces.
    private const int IncidentsSpace = 0x5445_0A01;

    public static async Task IncidentsAsync(TertuliaDb db, int workspaceId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [IncidentsSpace, workspaceId], ct);
    }
}
