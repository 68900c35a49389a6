using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tertulia.Access;

namespace Tertulia.Web.Pages.Access;

/// <summary>The page an invitation's link opens: choose a password (or confirm yours) and join the workspace.</summary>
[AllowAnonymous]
public sealed class InvitationModel(AcceptInvitation accept, SignInManager<IdentityUser> signIn) : PageModel
{
    public AcceptInvitation.Pending? Pending { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(string secret, CancellationToken ct) => Pending = await accept.FindAsync(secret, ct);

    public async Task<IActionResult> OnPostAsync(string secret, string? password, string? confirm, CancellationToken ct)
    {
        Pending = await accept.FindAsync(secret, ct);
        if (Pending is { HasAccount: false } && password != confirm)
        {
            Error = HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<UiText>>()["PasswordsDiffer"];
            return Page();
        }
        var outcome = await accept.HandleAsync(secret, password, ct);
        if (outcome.User is null)
        {
            Error = outcome.Error;
            return Page();
        }
        await signIn.SignInAsync(outcome.User, isPersistent: true);
        return Redirect($"/w/{outcome.WorkspaceId}");
    }
}
