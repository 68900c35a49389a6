using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Assessment;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Assessment;

/// <summary>
/// The check as a client opens it from an agency's link: no account, the secret in the address is the permission.
/// Rate-limited per address; the form is bounded like the members' one.
/// </summary>
[AllowAnonymous]
public sealed class LinkModel(
    IDbContextFactory<TertuliaDb> dbs, Questionnaire questionnaire, GatherEvidence evidence, ReadinessLinks links,
    TakeReadinessCheck take, LinkRateLimiter limiter) : PageModel
{
    public string WorkspaceName { get; private set; } = "";
    public ReadinessFormView? Form { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string secret, CancellationToken ct)
    {
        if (!limiter.AllowRequest(HttpContext))
        {
            return TooMany();
        }
        if (await OpenAsync(secret, ct) is not { } link)
        {
            return Page();
        }
        Form = new ReadinessFormView(questionnaire, await evidence.HandleAsync(link.WorkspaceId, ct), new Dictionary<string, IReadOnlyList<string>>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string secret, string? respondent, CancellationToken ct)
    {
        if (!limiter.AllowRequest(HttpContext) || !limiter.AllowAnswer(HttpContext))
        {
            return TooMany();
        }
        if (await OpenAsync(secret, ct) is not { } link)
        {
            return Page();
        }
        var answers = ReadinessForm.Read(Request.Form, questionnaire);
        var outcome = await take.HandleAsync(link.WorkspaceId, null, link.Id,
            new TakeReadinessCheck.Request(answers, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, respondent), ct);
        if (outcome.Check is { } check)
        {
            return Redirect($"{AssessmentApi.LinkPath(secret)}/result/{check.Id}");
        }
        if (outcome.NotFound)
        {
            return Page();
        }
        Error = outcome.Error;
        Form = new ReadinessFormView(questionnaire, await evidence.HandleAsync(link.WorkspaceId, ct), answers);
        return Page();
    }

    private async Task<ReadinessLink?> OpenAsync(string secret, CancellationToken ct)
    {
        var link = await links.FindOpenAsync(secret, ct);
        if (link is not null)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            WorkspaceName = await db.Workspaces.Where(w => w.Id == link.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        }
        return link;
    }

    private StatusCodeResult TooMany() => StatusCode(StatusCodes.Status429TooManyRequests);
}
