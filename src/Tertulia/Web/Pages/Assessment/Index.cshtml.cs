using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Assessment;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>The readiness check's home: the attempts so far (progress), taking it again, and the links for clients.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs, ReadinessHistory history, ReadinessLinks links) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<ReadinessAttempt> Attempts { get; private set; } = [];
    public List<ReadinessLink> Links { get; private set; } = [];
    public bool CanTake { get; private set; }
    public bool CanManageLinks { get; private set; }
    /// <summary>The link just made: shown once, never stored.</summary>
    public string? CreatedUrl { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, CancellationToken ct) =>
        await LoadAsync(workspaceId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostLinkAsync(int workspaceId, string? label, CancellationToken ct)
    {
        var created = await links.CreateAsync(workspaceId, label, User.UserId(), ct);
        if (created.NotFound)
        {
            return NotFound();
        }
        Error = created.Error;
        CreatedUrl = created.Secret is { } secret ? $"{Request.Scheme}://{Request.Host}{AssessmentApi.LinkPath(secret)}" : null;
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int workspaceId, int linkId, CancellationToken ct)
    {
        await links.RevokeAsync(workspaceId, linkId, ct);
        return Redirect($"/w/{workspaceId}/readiness");
    }

    private async Task<bool> LoadAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return false;
        }
        Workspace = workspace;
        var role = HttpContext.WorkspaceRole();
        CanTake = role >= WorkspaceRole.Agent;
        CanManageLinks = role >= WorkspaceRole.Admin;
        Attempts = await history.ListAsync(workspaceId, ct);
        if (CanManageLinks)
        {
            Links = await links.ListAsync(workspaceId, ct);
        }
        return true;
    }
}
