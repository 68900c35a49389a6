using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Ideas;
using Tertulia.Ideas.PublicBoard;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Ideas;

/// <summary>The ideas board: what customers asked for, grouped, most asked first; the public page's and the templates' settings.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs, IdeaBoardQueries queries, BoardSettings settings, IdeaTemplates templates) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<IdeaSummary> Ideas { get; private set; } = [];
    public IdeaBoard Board { get; private set; } = null!;
    public List<IdeaTemplates.Template> Templates { get; private set; } = [];
    public string Status { get; private set; } = "all";
    public bool CanAdmin => HttpContext.WorkspaceRole() >= WorkspaceRole.Admin;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? status, CancellationToken ct) =>
        await LoadAsync(workspaceId, status, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBoardAsync(int workspaceId, bool isPublic, string? introEs, string? introEn, CancellationToken ct)
    {
        if (HttpContext.WorkspaceRole() < WorkspaceRole.Admin)
        {
            return Forbid();
        }
        return await settings.SaveAsync(workspaceId, new BoardSettings.Request(isPublic, introEs, introEn), ct) is null
            ? NotFound()
            : RedirectToPage(new { workspaceId });
    }

    public async Task<IActionResult> OnPostTemplateAsync(int workspaceId, IdeaStatus status, string language, string? text, CancellationToken ct)
    {
        if (HttpContext.WorkspaceRole() < WorkspaceRole.Admin)
        {
            return Forbid();
        }
        Error = await templates.SaveAsync(workspaceId, status, language, text, ct);
        if (Error is null)
        {
            return RedirectToPage(new { workspaceId });
        }
        return await LoadAsync(workspaceId, null, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int workspaceId, string? status, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return false;
        }
        Workspace = workspace;
        IdeaStatus? wanted = Enum.TryParse<IdeaStatus>(status, true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null;
        Status = wanted?.ToString() ?? "all";
        Ideas = await queries.ListAsync(workspaceId, wanted, ct);
        Board = await settings.GetAsync(workspaceId, ct);
        Templates = await templates.ListAsync(workspaceId, ct);
        return true;
    }
}
