using Microsoft.AspNetCore.Mvc;
using Tertulia.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Storage;

namespace Tertulia.Web.Pages;

[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class MentionModel(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock, IStringLocalizer<UiText> text) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public Tertulia.Mentions.Mention Mention { get; private set; } = null!;
    public Tertulia.Mentions.Mention? Parent { get; private set; }
    public List<Tertulia.Mentions.Mention> Comments { get; private set; } = [];
    public string ChannelName { get; private set; } = "";
    /// <summary>The listening queries this mention is tagged with.</summary>
    public List<(int Id, string Name)> Queries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int workspaceId, long mentionId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var mention = await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mentionId && m.WorkspaceId == workspaceId, ct);
        if (mention is null)
        {
            return NotFound();
        }
        Mention = mention;
        Workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId, ct);
        ChannelName = await db.Channels.Where(c => c.Id == mention.ChannelId).Select(c => c.Name).SingleAsync(ct);
        Queries = (await db.QueryMatches.Where(t => t.MentionId == mentionId)
                .Join(db.ListeningQueries, t => t.QueryId, q => q.Id, (t, q) => new { q.Id, q.Name })
                .OrderBy(q => q.Name).ToListAsync(ct))
            .ConvertAll(q => (q.Id, q.Name));
        Parent = mention.ParentId is { } pid ? await db.Mentions.AsNoTracking().SingleOrDefaultAsync(m => m.Id == pid, ct) : null;
        Comments = await db.Mentions.AsNoTracking().Where(m => m.ParentId == mentionId)
            .OrderBy(m => m.Published).ThenBy(m => m.Id).Take(500).ToListAsync(ct);
        return Page();
    }

    public string Ago(DateTimeOffset when) => TimeAgo.Format(clock.GetUtcNow() - when, text);
}
