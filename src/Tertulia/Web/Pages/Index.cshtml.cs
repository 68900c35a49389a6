using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;
using Tertulia.Workspaces;

namespace Tertulia.Web.Pages;

public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs, WorkspaceCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record WorkspaceSummary(Workspace Workspace, int Mentions, int Channels, int Recent);

    public List<WorkspaceSummary> Workspaces { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow().AddDays(-1);
        var userId = User.UserId();
        var workspaces = await db.Workspaces.AsNoTracking()
            .Where(w => db.WorkspaceMembers.Any(m => m.WorkspaceId == w.Id && m.UserId == userId))
            .OrderBy(w => w.Name).ToListAsync(ct);
        foreach (var w in workspaces)
        {
            Workspaces.Add(new WorkspaceSummary(
                w,
                await db.Mentions.CountAsync(m => m.WorkspaceId == w.Id, ct),
                await db.Channels.CountAsync(c => c.WorkspaceId == w.Id, ct),
                await db.Mentions.CountAsync(m => m.WorkspaceId == w.Id && m.Published >= since, ct)));
        }
    }

    public async Task<IActionResult> OnPostAsync(string name, string? description, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            return RedirectToPage();
        }
        var workspace = await catalog.CreateAsync(name, description, User.UserId(), ct);
        return Redirect($"/w/{workspace.Id}");
    }
}
