using System.Text;
using Microsoft.EntityFrameworkCore;
using Tertulia.Listening;
using Tertulia.Storage;

namespace Tertulia.Workspaces;

/// <summary>Creates and finds workspaces.</summary>
public sealed class WorkspaceCatalog(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public async Task<Workspace> CreateAsync(string name, string? description, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var baseSlug = Slugify(name);
        var slug = baseSlug;
        for (var n = 2; await db.Workspaces.AnyAsync(w => w.Slug == slug, ct); n++)
        {
            slug = $"{baseSlug}-{n}";
        }
        var workspace = new Workspace { Name = name.Trim(), Slug = slug, Description = description?.Trim(), CreatedAt = clock.GetUtcNow() };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(ct);
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
        return slug.Length == 0 ? "workspace" : slug.Length > 80 ? slug[..80] : slug;
    }
}
