using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Inbox;
using Tertulia.Storage;

namespace Tertulia.Web.Pages;

/// <summary>The team inbox: the list on the left, the open conversation in the middle, the customer on the right.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Agent)]
public sealed class InboxPageModel(
    IDbContextFactory<TertuliaDb> dbs,
    InboxList list,
    ConversationDetail detail,
    CannedResponses canned) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public InboxPage List { get; private set; } = new([], null);
    public ConversationView? Open { get; private set; }
    public List<CannedResponse> Canned { get; private set; } = [];
    public List<Team> Teams { get; private set; } = [];
    public InboxView View { get; private set; }
    public string Status { get; private set; } = "open";
    public string? Cursor { get; private set; }
    public string? UserId { get; private set; }
    /// <summary>Agents and above answer and change conversations; a viewer only reads.</summary>
    public bool CanAct { get; private set; }
    /// <summary>Who the assignees are, by user id (their email).</summary>
    public Dictionary<string, string> People { get; private set; } = [];
    /// <summary>The members a conversation can be given to (agent or above), by email.</summary>
    public List<(string Id, string Email)> Agents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int workspaceId, long? conversationId, string? view, string? status, string? cursor, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        UserId = User.UserId();
        CanAct = HttpContext.WorkspaceRole() is { } role && role >= WorkspaceRole.Agent;
        View = Enum.TryParse<InboxView>(view, true, out var v) && Enum.IsDefined(v) && !int.TryParse(view, out _) ? v : InboxView.All;
        ConversationStatus? wanted = ConversationStatus.Open;
        if (string.Equals(status, "all", StringComparison.OrdinalIgnoreCase))
        {
            wanted = null;
            Status = "all";
        }
        else if (Enum.TryParse<ConversationStatus>(status, true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _))
        {
            wanted = s;
            Status = s.ToString().ToLowerInvariant();
        }
        Cursor = cursor;
        List = await list.QueryAsync(workspaceId, UserId, new InboxFilter(View, wanted, Cursor: cursor, PageSize: 50), ct);
        if (conversationId is { } id)
        {
            Open = await detail.LoadAsync(workspaceId, id, ct);
            if (Open is null)
            {
                return NotFound();
            }
        }
        var ids = List.Items.Select(i => i.AssigneeId).Append(Open?.Conversation.AssigneeId).OfType<string>().Distinct().ToList();
        People = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, ct);
        if (Open is not null && CanAct)
        {
            var agents = await db.WorkspaceMembers.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId && WorkspaceRoles.WhoAnswer.Contains(m.Role))
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email })
                .ToListAsync(ct);
            Agents = agents.Select(a => (a.Id, a.Email ?? a.Id)).OrderBy(a => a.Item2, StringComparer.OrdinalIgnoreCase).ToList();
        }
        Canned = await canned.ListAsync(workspaceId, ct);
        Teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Name).ToListAsync(ct);
        return Page();
    }

    public string Person(string id) => People.TryGetValue(id, out var email) ? email : id;

    /// <summary>The list link keeping the current filters.</summary>
    public string Link(long? conversationId = null, InboxView? view = null, string? status = null) =>
        $"/w/{Workspace.Id}/inbox{(conversationId is { } id ? "/" + id : "")}?view={(view ?? View).ToString().ToLowerInvariant()}&status={status ?? Status}";
}
