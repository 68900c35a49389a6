using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Ideas.PublicBoard;

/// <summary>One idea as the public page shows it: what, its status, the team's answer, how many asked — nobody's name.</summary>
public sealed record PublicIdea(int Id, string Title, IdeaStatus Status, string? Answer, int Customers, DateTimeOffset? StatusChangedAt);

public sealed record PublicBoardView(string WorkspaceName, string Slug, string? IntroEs, string? IntroEn, bool FormOpen, IReadOnlyList<PublicIdea> Ideas);

/// <summary>Reads a workspace's public ideas page: only the ideas the team chose to publish.</summary>
public sealed class PublicIdeas(IDbContextFactory<TertuliaDb> dbs)
{
    public async Task<PublicBoardView?> LoadAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Slug == slug, ct);
        var board = workspace is null ? null : await db.IdeaBoards.AsNoTracking().SingleOrDefaultAsync(b => b.WorkspaceId == workspace.Id && b.IsPublic, ct);
        if (workspace is null || board is null)
        {
            return null;
        }
        var ideas = await db.Ideas.AsNoTracking().Where(i => i.WorkspaceId == workspace.Id && i.IsPublic).ToListAsync(ct);
        var ids = ideas.Select(i => i.Id).ToList();
        var customers = (await db.Suggestions.AsNoTracking().Where(s => ids.Contains(s.IdeaId))
                .Select(s => new { s.IdeaId, s.ContactId, s.MentionId }).ToListAsync(ct))
            .GroupBy(s => s.IdeaId)
            .ToDictionary(g => g.Key, g => g.Select(s => s.ContactId is { } c ? "c" + c : "m" + s.MentionId).Distinct().Count());
        var formOpen = board.FormChannelId is { } channel && await db.Channels.AnyAsync(c => c.Id == channel && c.Enabled, ct);
        var shown = ideas
            .Select(i => new PublicIdea(i.Id, i.Title, i.Status, i.Answer, customers.GetValueOrDefault(i.Id), i.StatusChangedAt))
            .OrderBy(i => i.Status == IdeaStatus.Declined).ThenByDescending(i => i.Customers).ToList();
        return new PublicBoardView(workspace.Name, workspace.Slug, board.IntroEs, board.IntroEn, formOpen, shown);
    }

    internal static async Task<IdeaBoard?> BoardAsync(IDbContextFactory<TertuliaDb> dbs, string slug, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Workspaces.AsNoTracking().Where(w => w.Slug == slug)
            .Join(db.IdeaBoards, w => w.Id, b => b.WorkspaceId, (_, b) => b).SingleOrDefaultAsync(ct);
    }
}
