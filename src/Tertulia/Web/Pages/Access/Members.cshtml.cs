using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Storage;
using Tertulia.Workspaces;

namespace Tertulia.Web.Pages.Access;

/// <summary>A workspace's people and pending invitations; admins invite by email with a role.</summary>
[WorkspacePage(WorkspaceRole.Admin, WorkspaceRole.Admin)]
public sealed class MembersModel(IDbContextFactory<TertuliaDb> dbs, InviteMember invite, AccessMail mail, TimeProvider clock) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;
    public MembersApi.MembersDto List { get; private set; } = new([], []);
    public string? Error { get; private set; }
    public string? Invited { get; private set; }
    public WorkspaceRole MyRole => HttpContext.WorkspaceRole() ?? WorkspaceRole.Viewer;

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? invited, CancellationToken ct)
    {
        Invited = invited;
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostInviteAsync(int workspaceId, string? email, WorkspaceRole role, CancellationToken ct)
    {
        var outcome = await invite.HandleAsync(workspaceId, User.UserId()!, MyRole, new InviteMember.Request(email, role), mail.BaseUrl(Request), ct);
        if (outcome.Invitation is null)
        {
            Error = outcome.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        return Redirect($"/w/{workspaceId}/members?invited={Uri.EscapeDataString(outcome.Invitation.Email)}");
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
        List = await MembersApi.ListAsync(dbs, workspaceId, clock, ct);
        return true;
    }
}
