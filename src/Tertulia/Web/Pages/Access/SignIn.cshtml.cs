using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Access;

/// <summary>
/// Sign-in with email and password; a browser session is a cookie from then on. Without a page to go back to, a
/// person with one workspace lands on its dashboard (what they come to see first); with several, on the list of them.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, IDbContextFactory<TertuliaDb> dbs, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is not null && !string.IsNullOrEmpty(Password))
        {
            var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                var back = SafeReturn(ReturnUrl);
                return LocalRedirect(back == "/" ? await HomeOfAsync(user.Id) : back);
            }
            if (result.IsLockedOut)
            {
                Error = text["SignInLockedOut"];
                return Page();
            }
        }
        // The same answer whether the address exists or not.
        Error = text["SignInFailed"];
        return Page();
    }

    /// <summary>The dashboard of the person's only workspace, else the list of their workspaces.</summary>
    private async Task<string> HomeOfAsync(string userId)
    {
        await using var db = await dbs.CreateDbContextAsync(HttpContext.RequestAborted);
        var workspaces = await db.WorkspaceMembers.Where(m => m.UserId == userId).Select(m => m.WorkspaceId).Take(2).ToListAsync(HttpContext.RequestAborted);
        return workspaces.Count == 1 ? $"/w/{workspaces[0]}/insights" : "/";
    }

    public static string SafeReturn(string? url) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
