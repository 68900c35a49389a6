using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Access;

/// <summary>An admin invites an email address to the workspace with a role; the address gets a link by mail.</summary>
public sealed class InviteMember(IDbContextFactory<TertuliaDb> dbs, AccessMail mail, IStringLocalizer<UiText> text, TimeProvider clock)
{
    public sealed record Request(string? Email, WorkspaceRole Role);

    public sealed record Outcome(Invitation? Invitation, string? Error);

    /// <param name="inviterRole">Nobody grants more than they have: an admin invites agents, viewers and admins, an owner also owners.</param>
    public async Task<Outcome> HandleAsync(int workspaceId, string inviterUserId, WorkspaceRole inviterRole, Request request, string baseUrl, CancellationToken ct)
    {
        var email = request.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !MailboxAddress.TryParse(email, out var address) || address.Address != email || !email.Contains('@'))
        {
            return new Outcome(null, text["InvitationBadEmail"]);
        }
        if (!Enum.IsDefined(request.Role) || request.Role > inviterRole)
        {
            return new Outcome(null, text["InvitationRoleTooHigh"]);
        }
        if (!mail.Configured)
        {
            return new Outcome(null, text["MailNotConfigured"]);
        }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return new Outcome(null, text["InvitationBadEmail"]);
        }
        var secret = PersonalTokens.Base64Url(RandomNumberGenerator.GetBytes(32));
        var invitation = new Invitation
        {
            WorkspaceId = workspaceId,
            Email = email,
            Role = request.Role,
            SecretHash = PersonalTokens.HashOf(secret),
            InvitedByUserId = inviterUserId,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow() + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var link = $"{baseUrl}/invitation/{secret}";
        try
        {
            await mail.SendAsync(email, text["InvitationMailSubject", workspace.Name],
                text["InvitationMailBody", workspace.Name, RoleName(request.Role), link, Invitation.Lifetime.Days], ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An invitation nobody received is no invitation: remove it and say why.
            db.Invitations.Remove(invitation);
            await db.SaveChangesAsync(CancellationToken.None);
            return new Outcome(null, text["MailNotSent", ex.Message]);
        }
        return new Outcome(invitation, null);
    }

    private string RoleName(WorkspaceRole role) => text["Role" + role];
}
