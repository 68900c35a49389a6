using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Alerts.Rules;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Alerts;

/// <summary>The alerts page: incidents (open first) and the rules that open them, each rule with its kind and scope.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<Incident> Incidents { get; private set; } = [];
    public List<AlertRule> Rules { get; private set; } = [];
    public Dictionary<int, string> Queries { get; private set; } = [];
    public AlertPreference Preference { get; private set; } = null!;
    public bool CanAdmin => HttpContext.WorkspaceRole() >= WorkspaceRole.Admin;

    public async Task<IActionResult> OnGetAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.WorkspaceId == workspaceId)
            .OrderByDescending(i => i.OpenedAt).Take(100).ToListAsync(ct);
        Incidents = incidents.OrderBy(i => i.ClosedAt is null ? 0 : 1).ThenByDescending(i => i.OpenedAt).ToList();
        Rules = await db.AlertRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Id).ToListAsync(ct);
        Queries = await db.ListeningQueries.AsNoTracking().Where(q => q.WorkspaceId == workspaceId).ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        var userId = User.UserId() ?? "";
        Preference = await db.AlertPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.WorkspaceId == workspaceId && p.UserId == userId, ct)
            ?? new AlertPreference { WorkspaceId = workspaceId, UserId = userId };
        return Page();
    }
}
