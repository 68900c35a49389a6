using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Tertulia.Web.Pages.Access;

/// <summary>The page a reset link opens: a new password, checked against the link's Identity token.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<IdentityUser> users, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Email { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? password, string? confirm)
    {
        if (password != confirm)
        {
            Error = text["PasswordsDiffer"];
            return Page();
        }
        var user = await users.FindByEmailAsync(Email.Trim());
        string token;
        try
        {
            token = System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Token));
        }
        catch (FormatException)
        {
            token = "";
        }
        var result = user is null ? null : await users.ResetPasswordAsync(user, token, password ?? "");
        if (result is null || !result.Succeeded)
        {
            Error = result?.Errors.Any(e => e.Code == "InvalidToken") == false
                ? string.Join(" ", result.Errors.Select(e => e.Description))
                : text["ResetLinkInvalid"];
            return Page();
        }
        return Redirect("/signin?done=reset");
    }
}
