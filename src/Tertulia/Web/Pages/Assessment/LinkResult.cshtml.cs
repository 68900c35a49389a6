using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Assessment;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>What a client sees after sending the check through a link: their own result (only attempts made through that link).</summary>
[AllowAnonymous]
public sealed class LinkResultModel(IDbContextFactory<TertuliaDb> dbs, Questionnaire questionnaire, ReadinessLinks links, ReadinessHistory history, LinkRateLimiter limiter) : PageModel
{
    public string WorkspaceName { get; private set; } = "";
    public ReadinessResultView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string secret, int checkId, CancellationToken ct)
    {
        if (!limiter.AllowRequest(HttpContext))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var link = await links.FindAsync(secret, ct);
        if (link is null || link.RevokedAt is not null)
        {
            return NotFound();
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var check = await db.ReadinessChecks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == checkId && c.LinkId == link.Id, ct);
        if (check is null)
        {
            return NotFound();
        }
        WorkspaceName = await db.Workspaces.Where(w => w.Id == link.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        View = new ReadinessResultView(history.Read(check), questionnaire, null, null);
        return Page();
    }
}
