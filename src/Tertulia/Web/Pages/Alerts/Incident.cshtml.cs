using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Alerts;

/// <summary>
/// The crisis room: the storm's timeline, the mentions driving it and who has been answered, the playbook's checklist
/// and the holding statement; opening it marks the person's notifications of this incident as read.
/// </summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class IncidentModel(IDbContextFactory<TertuliaDb> dbs, CrisisRoom room, InAppAlerts inApp) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public CrisisRoom.View View { get; private set; } = null!;
    public bool CanAct => HttpContext.WorkspaceRole() >= WorkspaceRole.Agent;
    /// <summary>Posting in the brand's name is an admin's call.</summary>
    public bool CanPost => HttpContext.WorkspaceRole() >= WorkspaceRole.Admin;

    public async Task<IActionResult> OnGetAsync(int workspaceId, long incidentId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null || await room.LoadAsync(workspaceId, incidentId, ct) is not { } view)
        {
            return NotFound();
        }
        (Workspace, View) = (workspace, view);
        if (User.UserId() is { } userId)
        {
            await inApp.MarkReadAsync(userId, incidentId, ct);
        }
        return Page();
    }
}
