using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Tertulia.Access;

namespace Tertulia.Web.Pages.Access;

/// <summary>"Forgot your password?": mails a reset link (an Identity token) to the address, if it has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<IdentityUser> users, AccessMail mail, IStringLocalizer<UiText> text, ILogger<ForgotPasswordModel> log) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!mail.Configured)
        {
            Error = text["MailNotConfigured"];
            return Page();
        }
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        if (user?.Email is { } address)
        {
            var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = $"{mail.BaseUrl(Request)}/reset-password?email={Uri.EscapeDataString(address)}&token={token}";
            try
            {
                await mail.SendAsync(address, text["ResetMailSubject"], text["ResetMailBody", link], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning(ex, "The password reset mail to {Email} was not sent", address);
                Error = text["MailNotSent", ex.Message];
                return Page();
            }
        }
        // The same answer whether the address has an account or not.
        Sent = true;
        return Page();
    }
}
