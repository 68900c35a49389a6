using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Ideas;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Ideas;

/// <summary>One idea: who asked and how, who has been answered; rename, merge, split, publish, change its status.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class IdeaModel(
    IDbContextFactory<TertuliaDb> dbs,
    IdeaBoardQueries queries,
    IdeaActions actions,
    ChangeIdeaStatus change,
    IdeaTemplates templates) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public IdeaView View { get; private set; } = null!;
    public List<IdeaSummary> Others { get; private set; } = [];
    public List<IdeaTemplates.Template> Templates { get; private set; } = [];
    public bool CanAct => HttpContext.WorkspaceRole() >= WorkspaceRole.Agent;
    public string? Error { get; private set; }
    public ChangeIdeaStatus.Outcome? Answered { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, int ideaId, int? queued, int? withoutChannel, CancellationToken ct)
    {
        if (queued is not null)
        {
            Answered = new ChangeIdeaStatus.Outcome(queued.Value, withoutChannel ?? 0);
        }
        return await LoadAsync(workspaceId, ideaId, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostRenameAsync(int workspaceId, int ideaId, string? title, CancellationToken ct) =>
        After(workspaceId, ideaId, actions.RenameAsync(workspaceId, ideaId, title, ct), ct);

    public Task<IActionResult> OnPostPublishAsync(int workspaceId, int ideaId, bool isPublic, CancellationToken ct) =>
        After(workspaceId, ideaId, actions.PublishAsync(workspaceId, ideaId, isPublic, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(int workspaceId, int ideaId, int otherIdeaId, CancellationToken ct) =>
        After(workspaceId, ideaId, actions.MergeAsync(workspaceId, ideaId, otherIdeaId, ct), ct);

    public async Task<IActionResult> OnPostSplitAsync(int workspaceId, int ideaId, long[] suggestionIds, string? title, CancellationToken ct)
    {
        var outcome = await actions.SplitAsync(workspaceId, ideaId, suggestionIds, title, ct);
        if (outcome.Error is null && !outcome.NotFound)
        {
            return RedirectToPage(new { workspaceId, ideaId = outcome.IdeaId });
        }
        return await After(workspaceId, ideaId, Task.FromResult(outcome), ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(int workspaceId, int ideaId, IdeaStatus status, string? answer, bool notify, string? messageEs, string? messageEn, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var messages = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(messageEs))
        {
            messages["es"] = messageEs;
        }
        if (!string.IsNullOrWhiteSpace(messageEn))
        {
            messages["en"] = messageEn;
        }
        var outcome = await change.HandleAsync(workspaceId, ideaId, User.UserId(), new ChangeIdeaStatus.Request(status, answer ?? "", notify, messages), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Error is null)
        {
            return RedirectToPage(new { workspaceId, ideaId, queued = outcome.Queued, withoutChannel = outcome.WithoutChannel });
        }
        Error = outcome.Error;
        return await LoadAsync(workspaceId, ideaId, ct) ? Page() : NotFound();
    }

    private async Task<IActionResult> After(int workspaceId, int ideaId, Task<IdeaActions.Outcome> action, CancellationToken ct)
    {
        if (!CanAct)
        {
            return Forbid();
        }
        var outcome = await action;
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Error is null)
        {
            return RedirectToPage(new { workspaceId, ideaId });
        }
        Error = outcome.Error;
        return await LoadAsync(workspaceId, ideaId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int workspaceId, int ideaId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        var view = workspace is null ? null : await queries.LoadAsync(workspaceId, ideaId, ct);
        if (workspace is null || view is null)
        {
            return false;
        }
        Workspace = workspace;
        View = view;
        Others = (await queries.ListAsync(workspaceId, null, ct)).Where(i => i.Id != ideaId).OrderBy(i => i.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
        Templates = await templates.ListAsync(workspaceId, ct);
        return true;
    }
}
