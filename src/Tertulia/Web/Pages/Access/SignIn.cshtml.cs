using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Tertulia.Web.Pages.Access;

/// <summary>Sign-in with email and password; a browser session is a cookie from then on.</summary>
[AllowAnonymous]
public sealed class SignInModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, IStringLocalizer<UiText> text) : PageModel
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
                return LocalRedirect(SafeReturn(ReturnUrl));
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

    public static string SafeReturn(string? url) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
