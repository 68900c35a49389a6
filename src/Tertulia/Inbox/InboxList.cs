using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>Which conversations the list shows. <see cref="View"/>: all, mine or unassigned; <see cref="Status"/> null = every status.</summary>
public sealed record InboxFilter(
    InboxView View = InboxView.All,
    ConversationStatus? Status = ConversationStatus.Open,
    string? AssigneeId = null,
    int? TeamId = null,
    string? Label = null,
    ConversationPriority? Priority = null,
    string? Cursor = null,
    int PageSize = 25);

public enum InboxView
{
    All,
    Mine,
    Unassigned,
}

public sealed record InboxItem(
    long Id, int ChannelId, string? Subject, string? CustomerName, string? Preview,
    ConversationStatus Status, DateTimeOffset? SnoozedUntil, ConversationPriority Priority,
    string? AssigneeId, int? TeamId, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, int MessageCount,
    IReadOnlyList<string> Labels, Sla Sla);

/// <summary>A page of the list, newest activity first; <see cref="NextCursor"/> fetches the next (keyset paging: no OFFSET).</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);

/// <summary>The inbox list query. Each view is one range of an index on (workspace, [assignee,] [status,] last activity, id).</summary>
public sealed class InboxList(IDbContextFactory<TertuliaDb> dbs, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<InboxPage> QueryAsync(int workspaceId, string? userId, InboxFilter filter, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var rows = await Query(db, workspaceId, userId, filter).Take(size + 1).ToListAsync(ct);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }
        var ids = rows.Select(c => c.Id).ToList();
        var labels = ids.Count == 0 ? [] : (await db.ConversationLabels.AsNoTracking().Where(l => ids.Contains(l.ConversationId)).ToListAsync(ct))
            .GroupBy(l => l.ConversationId).ToDictionary(g => g.Key, g => g.Select(l => l.Label).Order().ToList());
        var settings = await db.InboxSettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        var now = clock.GetUtcNow();
        var items = rows.Select(c => new InboxItem(c.Id, c.ChannelId, c.Subject, c.CustomerName, c.Preview, c.Status, c.SnoozedUntil,
            c.Priority, c.AssigneeId, c.TeamId, c.CreatedAt, c.LastActivityAt, c.MessageCount,
            labels.TryGetValue(c.Id, out var l) ? l : [], Sla.Of(c, settings, now))).ToList();
        return new InboxPage(items, more ? CursorOf(rows[^1]) : null);
    }

    /// <summary>The SQL the list runs, also for the bench (which times it bare beside the endpoint).</summary>
    public static IQueryable<Conversation> Query(TertuliaDb db, int workspaceId, string? userId, InboxFilter filter)
    {
        var q = db.Conversations.AsNoTracking().Where(c => c.WorkspaceId == workspaceId);
        switch (filter.View)
        {
            case InboxView.Mine:
                // Nobody signed in has nothing assigned.
                var me = userId ?? "";
                q = q.Where(c => c.AssigneeId == me);
                break;
            case InboxView.Unassigned:
                q = q.Where(c => c.AssigneeId == null);
                break;
        }
        if (filter.AssigneeId is { } assignee)
        {
            q = q.Where(c => c.AssigneeId == assignee);
        }
        if (filter.TeamId is { } team)
        {
            q = q.Where(c => c.TeamId == team);
        }
        if (filter.Status is { } status)
        {
            q = q.Where(c => c.Status == status);
        }
        if (filter.Priority is { } priority)
        {
            q = q.Where(c => c.Priority == priority);
        }
        if (ConversationActions.CleanLabel(filter.Label) is { } label)
        {
            q = q.Where(c => db.ConversationLabels.Any(l => l.ConversationId == c.Id && l.Label == label));
        }
        if (ParseCursor(filter.Cursor) is var (at, id))
        {
            q = q.Where(c => c.LastActivityAt < at || (c.LastActivityAt == at && c.Id < id));
        }
        return q.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id);
    }

    private static string CursorOf(Conversation c) =>
        $"{c.LastActivityAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}_{c.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A cursor that does not parse starts from the top (an old or hand-made link).</summary>
    private static (DateTimeOffset At, long Id)? ParseCursor(string? cursor)
    {
        var parts = cursor?.Split('_');
        return parts is [var ms, var id]
               && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
               && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var conversationId)
               && millis is >= 0 and < 253402300800000
            ? (DateTimeOffset.FromUnixTimeMilliseconds(millis), conversationId)
            : null;
    }
}
