using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Contacts;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Contacts;

/// <summary>The workspace's customers, searchable, and what the ones I follow said lately.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs, FollowContacts follows, TimeProvider clock, IStringLocalizer<UiText> text) : PageModel
{
    public const int PageSize = 50;

    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<Contact> Contacts { get; private set; } = [];
    public List<FollowContacts.FeedItem> Feed { get; private set; } = [];
    public string? Q { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? q, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        Q = q;
        Contacts = await ContactList.SearchAsync(db, workspaceId, q, 0, PageSize, ct);
        if (User.UserId() is { } userId)
        {
            Feed = await follows.FeedAsync(workspaceId, userId, 0, 30, ct) ?? [];
        }
        return Page();
    }

    public string Ago(DateTimeOffset when) => TimeAgo.Format(clock.GetUtcNow() - when, text);
}
