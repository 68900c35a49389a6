using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Inbox;

/// <summary>What an agent does to a conversation: status, assignment, priority, labels and notes, each written to its history.</summary>
public sealed class ConversationActions(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public const int MaxLabels = 20;

    /// <summary>The result of an action: done, not found (another workspace's or no such conversation), or refused with a reason.</summary>
    public sealed record Outcome(bool NotFound = false, string? Error = null)
    {
        public static readonly Outcome Done = new();
        public static readonly Outcome Missing = new(NotFound: true);
        public static Outcome Refused(string error) => new(Error: error);
    }

    public Task<Outcome> SetStatusAsync(int workspaceId, long conversationId, string? actorId, ConversationStatus status, DateTimeOffset? snoozeUntil, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (status == ConversationStatus.Snoozed && (snoozeUntil is null || snoozeUntil <= now))
        {
            return Task.FromResult(Outcome.Refused("A snoozed conversation needs a moment in the future to open again (snoozeUntil)."));
        }
        return ChangeAsync(workspaceId, conversationId, actorId, (db, c) =>
        {
            if (c.Status == status && c.SnoozedUntil == snoozeUntil)
            {
                return null;
            }
            c.Status = status;
            c.SnoozedUntil = status == ConversationStatus.Snoozed ? snoozeUntil : null;
            c.ResolvedAt = status == ConversationStatus.Resolved ? now : null;
            return (ConversationEvents.StatusChanged, status == ConversationStatus.Snoozed
                ? $"snoozed:{snoozeUntil!.Value.ToUniversalTime():O}"
                : status.ToString().ToLowerInvariant());
        }, ct);
    }

    /// <summary>
    /// Assigns to an agent (a user id: a member of the workspace who may answer, agent or above), a team, both, or
    /// nobody (both null).
    /// </summary>
    public Task<Outcome> AssignAsync(int workspaceId, long conversationId, string? actorId, string? assigneeId, int? teamId, CancellationToken ct)
    {
        if (assigneeId is { Length: 0 or > 450 })
        {
            return Task.FromResult(Outcome.Refused("assigneeId must be a user id."));
        }
        return ChangeAsync(workspaceId, conversationId, actorId, async (db, c) =>
        {
            if (teamId is { } t && !await db.Teams.AnyAsync(x => x.Id == t && x.WorkspaceId == workspaceId, ct))
            {
                throw new RefusedException($"Team {t} does not exist in this workspace.");
            }
            if (assigneeId is not null && !await db.WorkspaceMembers.AnyAsync(
                m => m.WorkspaceId == workspaceId && m.UserId == assigneeId && Access.WorkspaceRoles.WhoAnswer.Contains(m.Role), ct))
            {
                throw new RefusedException("The assignee must be a member of this workspace who can answer (agent, admin or owner).");
            }
            if (c.AssigneeId == assigneeId && c.TeamId == teamId)
            {
                return null;
            }
            c.AssigneeId = assigneeId;
            c.TeamId = teamId;
            return (ConversationEvents.Assigned, $"agent:{assigneeId ?? "-"} team:{teamId?.ToString() ?? "-"}");
        }, ct);
    }

    public Task<Outcome> SetPriorityAsync(int workspaceId, long conversationId, string? actorId, ConversationPriority priority, CancellationToken ct) =>
        ChangeAsync(workspaceId, conversationId, actorId, (db, c) =>
        {
            if (c.Priority == priority)
            {
                return null;
            }
            c.Priority = priority;
            return (ConversationEvents.PriorityChanged, priority.ToString().ToLowerInvariant());
        }, ct);

    public Task<Outcome> AddLabelAsync(int workspaceId, long conversationId, string? actorId, string? label, CancellationToken ct)
    {
        var clean = CleanLabel(label);
        if (clean is null)
        {
            return Task.FromResult(Outcome.Refused($"A label has 1 to {ConversationLabel.MaxLength} letters, digits, spaces or - _ ."));
        }
        return ChangeAsync(workspaceId, conversationId, actorId, async (db, c) =>
        {
            var labels = await db.ConversationLabels.Where(l => l.ConversationId == c.Id).Select(l => l.Label).ToListAsync(ct);
            if (labels.Contains(clean))
            {
                return null;
            }
            if (labels.Count >= MaxLabels)
            {
                throw new RefusedException($"A conversation has at most {MaxLabels} labels.");
            }
            db.ConversationLabels.Add(new ConversationLabel { ConversationId = c.Id, WorkspaceId = c.WorkspaceId, Label = clean });
            return (ConversationEvents.LabelAdded, clean);
        }, ct);
    }

    public Task<Outcome> RemoveLabelAsync(int workspaceId, long conversationId, string? actorId, string? label, CancellationToken ct)
    {
        var clean = CleanLabel(label) ?? "";
        return ChangeAsync(workspaceId, conversationId, actorId, async (db, c) =>
        {
            var found = await db.ConversationLabels.SingleOrDefaultAsync(l => l.ConversationId == c.Id && l.Label == clean, ct);
            if (found is null)
            {
                return null;
            }
            db.ConversationLabels.Remove(found);
            return (ConversationEvents.LabelRemoved, clean);
        }, ct);
    }

    public Task<Outcome> AddNoteAsync(int workspaceId, long conversationId, string? actorId, string? text, CancellationToken ct)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0 || clean.Length > ConversationNote.MaxLength)
        {
            return Task.FromResult(Outcome.Refused($"A note has between 1 and {ConversationNote.MaxLength} characters."));
        }
        return ChangeAsync(workspaceId, conversationId, actorId, (db, c) =>
        {
            db.ConversationNotes.Add(new ConversationNote { ConversationId = c.Id, AuthorId = actorId, Text = clean, CreatedAt = clock.GetUtcNow() });
            return (ConversationEvents.NoteAdded, null);
        }, ct);
    }

    /// <summary>Lower-case, trimmed, letters/digits/space/-_. only: labels are typed by people and compared as keys.</summary>
    public static string? CleanLabel(string? label)
    {
        var clean = label?.Trim().ToLowerInvariant() ?? "";
        return clean.Length is > 0 and <= ConversationLabel.MaxLength && clean.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-' or '_' or '.')
            ? clean
            : null;
    }

    private Task<Outcome> ChangeAsync(int workspaceId, long conversationId, string? actorId,
        Func<TertuliaDb, Conversation, (string Kind, string? Detail)?> change, CancellationToken ct) =>
        ChangeAsync(workspaceId, conversationId, actorId, (db, c) => Task.FromResult(change(db, c)), ct);

    private async Task<Outcome> ChangeAsync(int workspaceId, long conversationId, string? actorId,
        Func<TertuliaDb, Conversation, Task<(string Kind, string? Detail)?>> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == workspaceId, ct);
            if (conversation is null)
            {
                return Outcome.Missing;
            }
            (string Kind, string? Detail)? happened;
            try
            {
                happened = await change(db, conversation);
            }
            catch (RefusedException ex)
            {
                return Outcome.Refused(ex.Message);
            }
            if (happened is { } e)
            {
                db.ConversationEvents.Add(new ConversationEvent
                {
                    ConversationId = conversation.Id, At = clock.GetUtcNow(), ActorId = actorId, Kind = e.Kind,
                    Detail = e.Detail is { Length: > ConversationEvent.DetailLength } d ? d[..ConversationEvent.DetailLength] : e.Detail,
                });
                await db.SaveChangesAsync(ct);
            }
            return Outcome.Done;
        }
    }

    private sealed class RefusedException(string message) : Exception(message);
}
