using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Assessment;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>The questions, each with what the workspace's data says beside it; sending them records an attempt.</summary>
[WorkspacePage(WorkspaceRole.Agent, WorkspaceRole.Agent)]
public sealed class TakeModel(IDbContextFactory<TertuliaDb> dbs, Questionnaire questionnaire, GatherEvidence evidence, ReadinessHistory history, TakeReadinessCheck take) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public ReadinessFormView Form { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, CancellationToken ct)
    {
        if (!await LoadWorkspaceAsync(workspaceId, ct))
        {
            return NotFound();
        }
        // Taken again, the form starts from the last answers: only what changed needs a click.
        var last = (await history.ListAsync(workspaceId, ct)).FirstOrDefault();
        Form = new ReadinessFormView(questionnaire, await evidence.HandleAsync(workspaceId, ct), last?.Answers ?? new Dictionary<string, IReadOnlyList<string>>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int workspaceId, CancellationToken ct)
    {
        if (!await LoadWorkspaceAsync(workspaceId, ct))
        {
            return NotFound();
        }
        var answers = ReadinessForm.Read(Request.Form, questionnaire);
        var outcome = await take.HandleAsync(workspaceId, User.UserId(), null,
            new TakeReadinessCheck.Request(answers, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Check is null)
        {
            Error = outcome.Error;
            Form = new ReadinessFormView(questionnaire, await evidence.HandleAsync(workspaceId, ct), answers);
            return Page();
        }
        return Redirect($"/w/{workspaceId}/readiness/{outcome.Check.Id}");
    }

    private async Task<bool> LoadWorkspaceAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Workspace = (await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct))!;
        return Workspace is not null;
    }
}
