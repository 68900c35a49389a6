using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Tertulia.Ideas;
using Tertulia.Ideas.PublicBoard;

namespace Tertulia.Web.Pages.Ideas;

/// <summary>
/// A workspace's public ideas page, for customers without an account: the published ideas, their status and the
/// team's answer, and a form to suggest one (rate-limited by address). No antiforgery token: there is no session a
/// forged request could ride, and the form may be linked from the business's own site.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(IdeasRegistration.FormRateLimit)]
public sealed class PublicModel(PublicIdeas ideas, SubmitSuggestion submit) : PageModel
{
    public PublicBoardView Board { get; private set; } = null!;
    public SubmitSuggestion.Result? Result { get; private set; }
    public string? Text { get; private set; }
    public string? Name { get; private set; }

    public string? Intro => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Board.IntroEn ?? Board.IntroEs : Board.IntroEs ?? Board.IntroEn;

    public async Task<IActionResult> OnGetAsync(string slug, bool sent, CancellationToken ct)
    {
        if (await ideas.LoadAsync(slug, ct) is not { } board)
        {
            return NotFound();
        }
        Board = board;
        Result = sent ? SubmitSuggestion.Result.Received : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string? text, string? name, string? website, CancellationToken ct)
    {
        var result = await submit.HandleAsync(slug, new SubmitSuggestion.Request(text, name, website), ct);
        if (result == SubmitSuggestion.Result.NoBoard || await ideas.LoadAsync(slug, ct) is not { } board)
        {
            return NotFound();
        }
        if (result == SubmitSuggestion.Result.Received)
        {
            // Back to a GET: reloading the page does not send it again.
            return RedirectToPage(new { slug, sent = true });
        }
        Board = board;
        Result = result;
        // What was typed stays in the form, to fix rather than to type again (within bounds).
        Text = text is { Length: > SubmitSuggestion.MaxText * 2 } ? text[..(SubmitSuggestion.MaxText * 2)] : text;
        Name = name is { Length: > SubmitSuggestion.MaxName * 2 } ? name[..(SubmitSuggestion.MaxName * 2)] : name;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
