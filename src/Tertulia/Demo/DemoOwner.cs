using Microsoft.AspNetCore.Identity;

namespace Tertulia.Demo;

/// <summary>
/// The demo's owner, so a newcomer signs in and sees the demo at once. The password is fixed and documented
/// (README, and printed by `serve --demo`): the demo listens on loopback and holds nothing private.
/// </summary>
public sealed class DemoOwner(UserManager<IdentityUser> users)
{
    public const string Email = "demo@tertulia.local";
    public const string Password = "tertulia-demo";

    public async Task<IdentityUser> EnsureAsync()
    {
        if (await users.FindByEmailAsync(Email) is { } existing)
        {
            return existing;
        }
        var user = new IdentityUser { UserName = Email, Email = Email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The demo owner could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        return user;
    }
}
