using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Alerts.Notifications;

/// <summary>Saves one person's alert choices for a workspace.</summary>
public sealed class AlertPreferences(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate)
{
    /// <summary>Null when saved; else the field that is wrong.</summary>
    public async Task<string?> SaveAsync(int workspaceId, string userId, AlertsApi.PreferenceDto asked, CancellationToken ct)
    {
        if (asked.MinLevel is < 1 or > 5)
        {
            return "minLevel";
        }
        if (asked.QuietFromHour is < 0 or > 23 || asked.QuietToHour is < 0 or > 23 || (asked.QuietFromHour is null) != (asked.QuietToHour is null))
        {
            return "quietHours";
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(asked.TimeZone ?? "", out _))
        {
            return "timeZone";
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var p = await db.AlertPreferences.SingleOrDefaultAsync(x => x.WorkspaceId == workspaceId && x.UserId == userId, ct);
            if (p is null)
            {
                p = new AlertPreference { WorkspaceId = workspaceId, UserId = userId };
                db.AlertPreferences.Add(p);
            }
            (p.InApp, p.Email, p.MinLevel, p.QuietFromHour, p.QuietToHour, p.TimeZone) =
                (asked.InApp, asked.Email, asked.MinLevel, asked.QuietFromHour, asked.QuietToHour, asked.TimeZone!);
            await db.SaveChangesAsync(ct);
        }
        return null;
    }
}
