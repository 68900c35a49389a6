using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Alerts.Notifications;

/// <summary>The top bar's alerts: one person's unread notifications across their workspaces, and marking them read.</summary>
public sealed class InAppAlerts(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public sealed record Item(long Id, int WorkspaceId, long IncidentId, string Text, DateTimeOffset At, string Url);

    public sealed record Unread(int Count, List<Item> Latest);

    public async Task<Unread> UnreadAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Only workspaces the person still belongs to.
        var unread = db.AlertNotifications.AsNoTracking()
            .Where(n => n.UserId == userId && n.ReadAt == null && db.WorkspaceMembers.Any(m => m.UserId == userId && m.WorkspaceId == n.WorkspaceId));
        var count = await unread.CountAsync(ct);
        var latest = await unread.OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Take(8)
            .Select(n => new Item(n.Id, n.WorkspaceId, n.IncidentId, n.Text, n.At, $"/w/{n.WorkspaceId}/alerts/incidents/{n.IncidentId}"))
            .ToListAsync(ct);
        return new Unread(count, latest);
    }

    /// <summary>Marks read what the person has seen: one incident's notifications (opening its room), or all.</summary>
    public async Task MarkReadAsync(string userId, long? incidentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await db.AlertNotifications.Where(n => n.UserId == userId && n.ReadAt == null && (incidentId == null || n.IncidentId == incidentId))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        }
    }
}
