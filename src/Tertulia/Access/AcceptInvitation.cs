using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Access;

/// <summary>
/// Opening an invitation's link: a new address chooses a password and gets an account; an existing account confirms
/// with its password. Either way the person becomes a member with the invited role, once.
/// </summary>
public sealed class AcceptInvitation(
    IDbContextFactory<TertuliaDb> dbs, UserManager<IdentityUser> users, WorkspaceMembers members, IStringLocalizer<UiText> text, TimeProvider clock)
{
    public sealed record Pending(Invitation Invitation, string WorkspaceName, bool HasAccount);

    public sealed record Outcome(IdentityUser? User, int WorkspaceId, string? Error);

    /// <summary>The open invitation behind a link, or null (unknown, used or expired: all look the same).</summary>
    public async Task<Pending?> FindAsync(string secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = PersonalTokens.HashOf(secret);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.SecretHash == hash, ct);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.ExpiresAt <= clock.GetUtcNow())
        {
            return null;
        }
        var name = await db.Workspaces.Where(w => w.Id == invitation.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        return new Pending(invitation, name, await users.FindByEmailAsync(invitation.Email) is not null);
    }

    public async Task<Outcome> HandleAsync(string secret, string? password, CancellationToken ct)
    {
        var pending = await FindAsync(secret, ct);
        if (pending is null)
        {
            return new Outcome(null, 0, text["InvitationGone"]);
        }
        var invitation = pending.Invitation;
        var user = await users.FindByEmailAsync(invitation.Email);
        if (user is null)
        {
            // The link reached this mailbox: the address is confirmed.
            user = new IdentityUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password ?? "");
            if (!created.Succeeded)
            {
                return new Outcome(null, 0, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            return new Outcome(null, 0, text["SignInFailed"]);
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Accepted at most once, even if the form is sent twice at the same moment.
        var marked = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, clock.GetUtcNow()), ct);
        if (marked == 1)
        {
            await members.AddAsync(invitation.WorkspaceId, user.Id, invitation.Role, ct);
        }
        return new Outcome(user, invitation.WorkspaceId, null);
    }
}
