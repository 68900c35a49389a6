using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Insights.Delivery;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Insights;

/// <summary>Who gets the management report by email and how often; what was sent, when, and what failed.</summary>
[WorkspacePage(WorkspaceRole.Admin, WorkspaceRole.Admin)]
public sealed class DeliveryModel(IDbContextFactory<TertuliaDb> dbs, SaveReportSchedule save, ReportMailer mailer, AccessMail mail) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<ReportSchedule> Schedules { get; private set; } = [];
    public List<ReportDelivery> Deliveries { get; private set; } = [];
    public bool MailConfigured => mail.Configured;
    public Dictionary<string, string[]>? Errors { get; private set; }
    [BindProperty] public string? Recipients { get; set; }
    [BindProperty] public string Cadence { get; set; } = "monthly";
    [BindProperty] public string Language { get; set; } = "es";
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, CancellationToken ct) =>
        await LoadAsync(workspaceId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(int workspaceId, CancellationToken ct)
    {
        var outcome = await save.HandleAsync(workspaceId, null, new SaveReportSchedule.Request([Recipients ?? ""], Cadence, Language, true), User.UserId(), ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Errors is not null)
        {
            Errors = outcome.Errors;
            await LoadAsync(workspaceId, ct);
            return Page();
        }
        Done = "RepScheduleSaved";
        return Redirect($"/w/{workspaceId}/insights/delivery");
    }

    public async Task<IActionResult> OnPostToggleAsync(int workspaceId, int scheduleId, bool enabled, CancellationToken ct)
    {
        var outcome = await save.HandleAsync(workspaceId, scheduleId, new SaveReportSchedule.Request(null, null, null, enabled), User.UserId(), ct);
        return outcome.NotFound ? NotFound() : Redirect($"/w/{workspaceId}/insights/delivery");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int workspaceId, int scheduleId, CancellationToken ct) =>
        await save.DeleteAsync(workspaceId, scheduleId, ct) ? Redirect($"/w/{workspaceId}/insights/delivery") : NotFound();

    public async Task<IActionResult> OnPostSendAsync(int workspaceId, int scheduleId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Set<ReportSchedule>().AnyAsync(s => s.Id == scheduleId && s.WorkspaceId == workspaceId, ct))
        {
            return NotFound();
        }
        await mailer.SendNowAsync(workspaceId, scheduleId, ct);
        Done = "RepSendQueued";
        return Redirect($"/w/{workspaceId}/insights/delivery");
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
        Schedules = await db.Set<ReportSchedule>().AsNoTracking().Where(s => s.WorkspaceId == workspaceId).OrderBy(s => s.Id).ToListAsync(ct);
        Deliveries = await db.Set<ReportDelivery>().AsNoTracking().Where(d => d.WorkspaceId == workspaceId)
            .OrderByDescending(d => d.Id).Take(30).ToListAsync(ct);
        return true;
    }
}
