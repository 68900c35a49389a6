using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Assessment;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>One attempt's result: a page to share with the team (its address), with its PDF for management.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Viewer)]
public sealed class ResultModel(IDbContextFactory<TertuliaDb> dbs, Questionnaire questionnaire, ReadinessHistory history) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public ReadinessResultView View { get; private set; } = null!;
    public bool CanTake { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, int checkId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        var attempt = workspace is null ? null : await history.LoadAsync(workspaceId, checkId, ct);
        if (attempt is null)
        {
            return NotFound();
        }
        Workspace = workspace!;
        CanTake = HttpContext.WorkspaceRole() >= WorkspaceRole.Agent;
        View = new ReadinessResultView(attempt, questionnaire, $"/api/workspaces/{workspaceId}/readiness/checks/{checkId}/pdf",
            $"{Request.Scheme}://{Request.Host}/w/{workspaceId}/readiness/{checkId}");
        return Page();
    }
}
