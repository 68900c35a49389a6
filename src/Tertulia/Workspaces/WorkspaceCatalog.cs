using System.Text;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Workspaces;

/// <summary>Creates and finds workspaces.</summary>
public sealed class WorkspaceCatalog(IDbContextFactory<TertuliaDb> dbs, IEnumerable<IWorkspaceSetup> setups, TimeProvider clock)
{
    /// <summary>A workspace without members (the demo's and tests' own); people create theirs with an owner.</summary>
    public Task<Workspace> CreateAsync(string name, string? description, CancellationToken ct) =>
        CreateAsync(name, description, ownerUserId: null, ct);

    /// <summary>Creates the workspace and makes <paramref name="ownerUserId"/> its owner, in one transaction.</summary>
    public async Task<Workspace> CreateAsync(string name, string? description, string? ownerUserId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var baseSlug = Slugify(name);
        var slug = baseSlug;
        for (var n = 2; await db.Workspaces.AnyAsync(w => w.Slug == slug, ct); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        var workspace = new Workspace { Name = name.Trim(), Slug = slug, Description = description?.Trim(), CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(ct);
        if (ownerUserId is not null)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspace.Id, UserId = ownerUserId, Role = WorkspaceRole.Owner, JoinedAt = workspace.CreatedAt });
            await db.SaveChangesAsync(ct);
        }
        foreach (var setup in setups)
        {
            await setup.OnCreatedAsync(db, workspace, ct);
        }
        await transaction.CommitAsync(ct);
        return workspace;
    }

    public static string Slugify(string name)
    {
        var sb = new StringBuilder();
        foreach (var word in TextFolding.Words(name))
        {
            if (sb.Length > 0)
            {
                sb.Append('-');
            }
            sb.Append(word.Trim('#', '@'));
        }
        var slug = sb.ToString();
        return slug.Length == 0 ? "workspace" : Storage.BoundedText.Clip(slug, 80);
    }
}
