using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Contacts;

/// <summary>
/// Several nodes on one PostgreSQL: a workspace's contacts are resolved and merged by one transaction at a time, so two
/// nodes never create the same identity twice nor merge crosswise (a transaction-scoped advisory lock, taken after the
/// pipeline's own locks). On SQLite the write gate of the one process is enough.
/// </summary>
public static class ContactLocks
{
    private const int ContactsSpace = 0x5445_0010;

    public static async Task WorkspaceContactsAsync(TertuliaDb db, int workspaceId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An advisory transaction lock needs an open transaction.");
        }
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [ContactsSpace, workspaceId], ct);
    }
}
