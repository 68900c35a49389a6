using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Publishing;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Publishing;

/// <summary>
/// The publishing calendar: a week (Monday first) or a month of the workspace's local days with the brand's posts at
/// their local times, the drafts and posts awaiting approval beside it, and what this week's mix looks like.
/// </summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class IndexModel(IDbContextFactory<TertuliaDb> dbs, PublicationCalendar calendar, WorkspaceClock clock, TimeProvider time) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public PublicationCalendar.View Calendar { get; private set; } = null!;
    public PublishingSettings Settings { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public DateOnly Shown { get; private set; }
    public bool CanCompose => HttpContext.WorkspaceRole() >= WorkspaceRole.Agent;
    public bool IsMonth => Calendar.Kind == "month";

    public async Task<IActionResult> OnGetAsync(int workspaceId, string? view, string? date, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        Settings = await clock.SettingsAsync(workspaceId, ct);
        Today = WorkspaceClock.DateOf(time.GetUtcNow(), WorkspaceClock.Zone(Settings.TimeZone));
        Shown = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Today;
        Calendar = (await calendar.ForAsync(workspaceId, view == "month" ? "month" : "week", Shown, ct))!;
        return Page();
    }

    /// <summary>The calendar's address for another view or date.</summary>
    public string Link(string? view = null, DateOnly? date = null) =>
        $"/w/{Workspace.Id}/publishing?view={view ?? Calendar.Kind}&date={(date ?? Shown).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public DateOnly Previous => IsMonth ? Calendar.From.AddMonths(-1) : Calendar.From.AddDays(-7);

    public DateOnly Next => IsMonth ? Calendar.From.AddMonths(1) : Calendar.From.AddDays(7);

    /// <summary>The month view's leading blanks: its first day's place in a Monday-first week.</summary>
    public int LeadingBlanks => IsMonth ? ((int)Calendar.From.DayOfWeek + 6) % 7 : 0;
}
