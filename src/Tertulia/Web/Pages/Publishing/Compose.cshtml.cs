using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Channels;
using Tertulia.Publishing;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Publishing;

/// <summary>
/// The composer: the text once for the brand's channels that can post, each channel's preview (its parts against its
/// limit), the value score and its reasons while typing, the caps' warnings for the chosen moment, and the way out —
/// a draft, a request for approval (agents), or approved and scheduled (admins). The page talks to the publishing API.
/// </summary>
[WorkspacePage(WorkspaceRole.Agent, WorkspaceRole.Agent)]
public sealed class ComposeModel(IDbContextFactory<TertuliaDb> dbs, PublicationPlanner planner, WorkspaceClock clock, TimeProvider time) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<Channel> Channels { get; private set; } = [];
    public Publication? Publication { get; private set; }
    public HashSet<int> Chosen { get; private set; } = [];
    /// <summary>The moment on the workspace's wall clock, as a datetime-local input wants it ("" = when approved).</summary>
    public string LocalTime { get; private set; } = "";
    public string Zone { get; private set; } = PublishingSettings.DefaultTimeZone;
    public bool CanApprove => HttpContext.WorkspaceRole() >= WorkspaceRole.Admin;
    /// <summary>Drafts, posts awaiting approval and scheduled ones not yet gone out can still be changed.</summary>
    public bool Editable => Publication is null || Publication.State is PublicationState.Draft or PublicationState.AwaitingApproval or PublicationState.Scheduled;

    public async Task<IActionResult> OnGetAsync(int workspaceId, long? publicationId, string? date, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        var settings = await clock.SettingsAsync(workspaceId, ct);
        Zone = settings.TimeZone;
        var zone = WorkspaceClock.Zone(settings.TimeZone);
        Channels = await planner.ChannelsAsync(db, workspaceId, null, ct);
        if (publicationId is { } id)
        {
            Publication = await db.Publications.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.WorkspaceId == workspaceId, ct);
            if (Publication is null)
            {
                return NotFound();
            }
            Chosen = (await db.PublicationDeliveries.AsNoTracking().Where(d => d.PublicationId == id).Select(d => d.ChannelId).ToListAsync(ct)).ToHashSet();
            if (Publication.ScheduledFor is { } at)
            {
                LocalTime = Input(WorkspaceClock.ToLocal(at, zone));
            }
        }
        else
        {
            Chosen = Channels.Select(c => c.Id).ToHashSet();
            // A date picked in the calendar: that day at ten, the bakery's quiet hour after the morning rush.
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && day > WorkspaceClock.DateOf(time.GetUtcNow(), zone))
            {
                LocalTime = Input(day.ToDateTime(new TimeOnly(10, 0)));
            }
        }
        return Page();
    }

    private static string Input(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
