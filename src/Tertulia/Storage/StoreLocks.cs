using Microsoft.EntityFrameworkCore;

namespace Tertulia.Storage;

/// <summary>
/// What must happen one at a time across nodes. <see cref="WriteGate"/> orders writers inside one process; several
/// nodes on one PostgreSQL also take these transaction-scoped advisory locks (released by COMMIT or ROLLBACK, and by
/// the server when a node dies mid-transaction). A SQLite file belongs to one process, where the gate is enough.
/// Callers hold an open transaction. Lock order, to never deadlock: a channel's writes, then its workspace's listening, then its
/// ideas, then its rollups (the pipeline runs the ideas' handler before the rollups' one).
/// </summary>
public static class StoreLocks
{
    // The first half of the two-int advisory key: which kind of thing the second half (an id) is.
    private const int ChannelWritesSpace = 0x5445_0001;
    private const int ListeningSpace = 0x5445_0002;
    private const int RollupsSpace = 0x5445_0003;
    private const int IdeasSpace = 0x5445_0004;

    /// <summary>
    /// Storing mentions of one channel: dedupe on (channel, external id) and the channel's counters and cursor are
    /// read and written by one node at a time, even when a webhook or an import reaches two nodes at once.
    /// </summary>
    public static Task ChannelWritesAsync(TertuliaDb db, int channelId, CancellationToken ct) =>
        LockAsync(db, ChannelWritesSpace, channelId, shared: false, ct);

    /// <summary>
    /// A workspace's listening queries against the matching of new mentions. The pipeline holds it shared from the
    /// moment it checks which queries are saved until its batch commits (batches of several nodes go side by side);
    /// saving or deleting a query and writing re-tag results hold it exclusively. So a batch matched with a query set
    /// that changed meanwhile is either committed before the change (and seen by its re-tag job) or matched again.
    /// </summary>
    public static Task ListeningAsync(TertuliaDb db, int workspaceId, bool shared, CancellationToken ct) =>
        LockAsync(db, ListeningSpace, workspaceId, shared, ct);

    /// <summary>
    /// Rebuilding a workspace's insights rollups (hour rows deleted and written again): one transaction at a time, so
    /// two batches of the same hour never both write it and each reads what the other committed. Taken last.
    /// </summary>
    public static Task RollupsAsync(TertuliaDb db, int workspaceId, CancellationToken ct) =>
        LockAsync(db, RollupsSpace, workspaceId, shared: false, ct);
    /// Placing suggestions into a workspace's ideas (and merging, splitting, answering them): one node at a time, so
    /// two nodes never start two ideas for the same new wish. Taken after the channel's and the listening locks.
    /// </summary>
    public static Task IdeasAsync(TertuliaDb db, int workspaceId, CancellationToken ct) =>
        LockAsync(db, IdeasSpace, workspaceId, shared: false, ct);

    private static async Task LockAsync(TertuliaDb db, int space, int id, bool shared, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An advisory transaction lock needs an open transaction.");
        }
        await db.Database.ExecuteSqlRawAsync(
            shared ? "SELECT pg_advisory_xact_lock_shared({0}, {1})" : "SELECT pg_advisory_xact_lock({0}, {1})", [space, id], ct);
    }
}
