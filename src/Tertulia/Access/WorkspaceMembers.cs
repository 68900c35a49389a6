using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Access;

/// <summary>Who belongs to which workspace, and with what role.</summary>
public sealed class WorkspaceMembers(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    /// <summary>The user's role in the workspace, or null when they are not a member (or the workspace does not exist).</summary>
    public async Task<WorkspaceRole?> RoleOfAsync(string userId, int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var member = await db.WorkspaceMembers.AsNoTracking()
            .FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        return member?.Role;
    }

    public async Task<List<int>> WorkspaceIdsOfAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.WorkspaceMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.WorkspaceId).ToListAsync(ct);
    }

    /// <summary>Makes the user a member with <paramref name="role"/>; an existing member keeps the higher of both roles.</summary>
    public async Task AddAsync(int workspaceId, string userId, WorkspaceRole role, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var member = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (member is null)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = userId, Role = role, JoinedAt = clock.GetUtcNow() });
        }
        else if (member.Role < role)
        {
            member.Role = role;
        }
        await db.SaveChangesAsync(ct);
    }
}
