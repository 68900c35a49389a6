using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Ideas;

/// <summary>What a person does to the grouping: rename an idea, merge two, split suggestions off into a new one, publish.</summary>
public sealed class IdeaActions(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public sealed record Outcome(int? IdeaId, string? Error = null, bool NotFound = false);

    public Task<Outcome> RenameAsync(int workspaceId, int ideaId, string? title, CancellationToken ct)
    {
        var clean = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length is 0 or > Idea.TitleLength)
        {
            return Task.FromResult(new Outcome(null, $"A title has between 1 and {Idea.TitleLength} characters."));
        }
        return ChangeAsync(workspaceId, ideaId, (_, idea) =>
        {
            idea.Title = clean;
            idea.TitledByPerson = true;
            return Task.FromResult<string?>(null);
        }, ct);
    }

    public Task<Outcome> PublishAsync(int workspaceId, int ideaId, bool isPublic, CancellationToken ct) =>
        ChangeAsync(workspaceId, ideaId, (_, idea) =>
        {
            if (isPublic && !idea.TitledByPerson)
            {
                // Until someone titles it, an idea is called by its first customer's own words (a child's allergy, a name).
                return Task.FromResult<string?>("Give the idea a title of your own before publishing it: until then its title is a customer's words.");
            }
            idea.IsPublic = isPublic;
            return Task.FromResult<string?>(null);
        }, ct);

    /// <summary>
    /// <paramref name="otherIdeaId"/>'s suggestions (and who was told what) join <paramref name="ideaId"/>, which keeps
    /// its title, status and answer; the other idea is gone.
    /// </summary>
    public Task<Outcome> MergeAsync(int workspaceId, int ideaId, int otherIdeaId, CancellationToken ct) =>
        ChangeAsync(workspaceId, ideaId, async (db, idea) =>
        {
            if (otherIdeaId == ideaId)
            {
                return "An idea cannot be merged into itself.";
            }
            var other = await db.Ideas.SingleOrDefaultAsync(i => i.Id == otherIdeaId && i.WorkspaceId == workspaceId, ct);
            if (other is null)
            {
                return "The other idea does not exist in this workspace.";
            }
            await db.Suggestions.Where(s => s.IdeaId == other.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.IdeaId, idea.Id), ct);
            await db.IdeaAnswers.Where(a => a.IdeaId == other.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.IdeaId, idea.Id), ct);
            idea.IsPublic |= other.IsPublic;
            db.Ideas.Remove(other);
            return null;
        }, ct);

    /// <summary>The chosen suggestions leave their idea for a new one (status new), where grouping will not move them.</summary>
    public async Task<Outcome> SplitAsync(int workspaceId, int ideaId, IReadOnlyList<long> suggestionIds, string? title, CancellationToken ct)
    {
        int? created = null;
        var outcome = await ChangeAsync(workspaceId, ideaId, async (db, idea) =>
        {
            var ids = suggestionIds.Distinct().ToList();
            var moving = await db.Suggestions.Where(s => s.IdeaId == idea.Id && ids.Contains(s.Id)).ToListAsync(ct);
            if (moving.Count == 0 || moving.Count != ids.Count)
            {
                return "Choose one or more suggestions of this idea to split off.";
            }
            if (moving.Count == await db.Suggestions.CountAsync(s => s.IdeaId == idea.Id, ct))
            {
                return "Leave at least one suggestion in the idea: renaming it would do the same.";
            }
            var first = moving.OrderBy(s => s.At).First();
            var name = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var mention = await db.Mentions.AsNoTracking().SingleAsync(m => m.Id == first.MentionId, ct);
            var fresh = new Idea
            {
                WorkspaceId = workspaceId,
                Title = name.Length > 0 ? BoundedText.Clip(name, Idea.TitleLength) : SuggestionIntake.TitleOf(mention),
                TitledByPerson = name.Length > 0,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Ideas.Add(fresh);
            await db.SaveChangesAsync(ct);
            foreach (var s in moving)
            {
                s.IdeaId = fresh.Id;
                s.PlacedByPerson = true;
            }
            var movingIds = moving.Select(s => s.Id).ToList();
            await db.IdeaAnswers.Where(a => movingIds.Contains(a.SuggestionId)).ExecuteUpdateAsync(u => u.SetProperty(a => a.IdeaId, fresh.Id), ct);
            created = fresh.Id;
            return null;
        }, ct);
        return outcome.Error is null && !outcome.NotFound ? outcome with { IdeaId = created } : outcome;
    }

    private async Task<Outcome> ChangeAsync(int workspaceId, int ideaId, Func<TertuliaDb, Idea, Task<string?>> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await StoreLocks.IdeasAsync(db, workspaceId, ct);
            var idea = await db.Ideas.SingleOrDefaultAsync(i => i.Id == ideaId && i.WorkspaceId == workspaceId, ct);
            if (idea is null)
            {
                return new Outcome(null, NotFound: true);
            }
            if (await change(db, idea) is { } error)
            {
                return new Outcome(null, error);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new Outcome(idea.Id);
        }
    }
}
