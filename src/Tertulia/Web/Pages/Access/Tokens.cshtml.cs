using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tertulia.Access;

namespace Tertulia.Web.Pages.Access;

/// <summary>
/// The signed-in person's personal API tokens (for scripts, reports, other tools): create one — its text is shown
/// this once — see when each was last used, revoke it.
/// </summary>
public sealed class TokensModel(PersonalTokens tokens) : PageModel
{
    public List<PersonalToken> Tokens { get; private set; } = [];
    /// <summary>The token just created, shown once: only its hash is kept.</summary>
    public PersonalTokens.Created? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(User.UserId()!, ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken ct)
    {
        Created = await tokens.CreateAsync(User.UserId()!, name, ct);
        Tokens = await tokens.ListAsync(User.UserId()!, ct);
        // Not a redirect: the token's text must not travel in a URL or outlive this response.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int tokenId, CancellationToken ct)
    {
        await tokens.RevokeAsync(User.UserId()!, tokenId, ct);
        return RedirectToPage();
    }
}
