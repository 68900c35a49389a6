using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Access;
using Tertulia.Contacts;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Contacts;

/// <summary>One customer's profile: the inbox's right pane links here (/w/{workspace}/contacts/{contact}).</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class ContactModel(
    IDbContextFactory<TertuliaDb> dbs,
    MergeContacts merges,
    FollowContacts follows,
    TimeProvider clock,
    IStringLocalizer<UiText> text) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public ContactProfile Profile { get; private set; } = null!;
    public string? MergedIntoName { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Agents and above follow, merge and unmerge; a viewer only reads.</summary>
    public bool CanChange => HttpContext.WorkspaceRole() >= WorkspaceRole.Agent;

    public async Task<IActionResult> OnGetAsync(int workspaceId, int contactId, CancellationToken ct) =>
        await LoadAsync(workspaceId, contactId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFollowAsync(int workspaceId, int contactId, bool follow, CancellationToken ct)
    {
        var result = await follows.FollowAsync(workspaceId, contactId, User.UserId(), follow, ct);
        return result switch
        {
            FollowContacts.Result.NotFound => NotFound(),
            FollowContacts.Result.NotSignedIn => Challenge(),
            _ => RedirectToPage(new { workspaceId, contactId }),
        };
    }

    public async Task<IActionResult> OnPostMergeAsync(int workspaceId, int contactId, int otherContactId, CancellationToken ct)
    {
        var outcome = await merges.MergeAsync(workspaceId, contactId, otherContactId, User.UserId(), ct);
        if (outcome.Merge is not null)
        {
            return RedirectToPage(new { workspaceId, contactId });
        }
        if (!await LoadAsync(workspaceId, contactId, ct))
        {
            return NotFound();
        }
        Error = outcome.NotFound ? string.Format(text["ContactNotFound"], otherContactId) : outcome.Error;
        return Page();
    }

    public async Task<IActionResult> OnPostUnmergeAsync(int workspaceId, int contactId, int mergeId, CancellationToken ct)
    {
        var outcome = await merges.UnmergeAsync(workspaceId, contactId, mergeId, User.UserId(), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Merge is not null)
        {
            return RedirectToPage(new { workspaceId, contactId });
        }
        await LoadAsync(workspaceId, contactId, ct);
        Error = outcome.Error;
        return Page();
    }

    private async Task<bool> LoadAsync(int workspaceId, int contactId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var profile = await ContactProfile.LoadAsync(db, workspaceId, contactId, User.UserId(), clock.GetUtcNow(), ct);
        if (profile is null)
        {
            return false;
        }
        Profile = profile;
        Workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId, ct);
        MergedIntoName = profile.Contact.MergedIntoId is { } into
            ? await db.Contacts.Where(c => c.Id == into).Select(c => c.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        return true;
    }

    public string Ago(DateTimeOffset when) => TimeAgo.Format(clock.GetUtcNow() - when, text);

    public string KindName(IdentityKind kind) => text["IdentityKind" + kind];
}
