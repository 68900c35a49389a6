using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Access;

/// <summary>
/// Changes a member's role or removes them. Nobody grants more than they have, only owners touch owners, and a
/// workspace always keeps at least one owner.
/// </summary>
public sealed class ChangeMember(IDbContextFactory<TertuliaDb> dbs)
{
    public enum Result { Done, NotFound, NotAllowed, LastOwner }

    /// <param name="role">The new role, or null to remove the member.</param>
    public async Task<Result> HandleAsync(int workspaceId, string userId, WorkspaceRole callerRole, WorkspaceRole? role, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var member = await db.WorkspaceMembers.SingleOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (member is null)
        {
            return Result.NotFound;
        }
        if (member.Role > callerRole || role > callerRole || (role is { } r && !Enum.IsDefined(r)))
        {
            return Result.NotAllowed;
        }
        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner
            && await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, ct) == 1)
        {
            return Result.LastOwner;
        }
        if (role is { } newRole)
        {
            member.Role = newRole;
        }
        else
        {
            db.WorkspaceMembers.Remove(member);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Done;
    }
}
