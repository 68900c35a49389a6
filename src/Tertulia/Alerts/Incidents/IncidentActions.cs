using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Alerts.Incidents;

/// <summary>What the team does with an incident; each action is recorded in its timeline with who and when.</summary>
public sealed class IncidentActions(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public enum Result { Done, NotFound, Invalid }

    public Task<Result> AcknowledgeAsync(int workspaceId, long incidentId, string userId, CancellationToken ct) =>
        ChangeAsync(workspaceId, incidentId, userId, (db, i, now) =>
        {
            if (i.AcknowledgedAt is not null)
            {
                return Result.Done;
            }
            (i.AcknowledgedAt, i.AcknowledgedBy) = (now, userId);
            if (i.Status == IncidentStatus.Open)
            {
                i.Status = IncidentStatus.Acknowledged;
            }
            // Whoever acknowledges a storm nobody holds takes it.
            i.AssigneeId ??= userId;
            Record(db, i, now, userId, IncidentEvents.Acknowledged, null);
            return Result.Done;
        }, ct);

    public async Task<Result> AssignAsync(int workspaceId, long incidentId, string userId, string? assigneeId, CancellationToken ct)
    {
        await using (var check = await dbs.CreateDbContextAsync(ct))
        {
            if (assigneeId is not null && !await check.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == assigneeId, ct))
            {
                return Result.Invalid;
            }
        }
        return await ChangeAsync(workspaceId, incidentId, userId, (db, i, now) =>
        {
            i.AssigneeId = assigneeId;
            Record(db, i, now, userId, IncidentEvents.Assigned, assigneeId);
            return Result.Done;
        }, ct);
    }

    public Task<Result> ResolveAsync(int workspaceId, long incidentId, string userId, CancellationToken ct) =>
        ChangeAsync(workspaceId, incidentId, userId, (db, i, now) =>
        {
            if (i.ClosedAt is not null)
            {
                return Result.Done;
            }
            (i.Status, i.ClosedAt, i.ResolvedBy) = (IncidentStatus.Resolved, now, userId);
            Record(db, i, now, userId, IncidentEvents.Resolved, null);
            return Result.Done;
        }, ct);

    /// <summary>Marks a step of the crisis checklist done (or undone): who and when go in the timeline.</summary>
    public Task<Result> StepAsync(int workspaceId, long incidentId, string userId, string step, bool done, CancellationToken ct) =>
        !CrisisSteps.All.Contains(step)
            ? Task.FromResult(Result.Invalid)
            : ChangeAsync(workspaceId, incidentId, userId, (db, i, now) =>
            {
                Record(db, i, now, userId, done ? IncidentEvents.StepDone : IncidentEvents.StepUndone, step);
                return Result.Done;
            }, ct);

    /// <summary>
    /// Keeps the team's holding statement on the incident. (Posting it on the brand's own channels belongs to the
    /// publishing outbox, once there is one: never a second way to post.)
    /// </summary>
    public Task<Result> StatementAsync(int workspaceId, long incidentId, string userId, string? text, CancellationToken ct)
    {
        var clean = text?.Trim() ?? "";
        if (clean.Length == 0 || clean.Length > Incident.MaxStatementLength)
        {
            return Task.FromResult(Result.Invalid);
        }
        return ChangeAsync(workspaceId, incidentId, userId, (db, i, now) =>
        {
            i.HoldingStatement = clean;
            Record(db, i, now, userId, IncidentEvents.Statement, BoundedText.Clip(clean, IncidentEvent.MaxDetailLength));
            return Result.Done;
        }, ct);
    }

    private async Task<Result> ChangeAsync(int workspaceId, long incidentId, string userId, Func<TertuliaDb, Incident, DateTimeOffset, Result> change, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The same lock as the evaluator's: a person's action and a node's escalation never cross.
            await Evaluation.AlertLocks.IncidentsAsync(db, workspaceId, ct);
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId && i.WorkspaceId == workspaceId, ct);
            if (incident is null)
            {
                return Result.NotFound;
            }
            var result = change(db, incident, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
    }

    private static void Record(TertuliaDb db, Incident incident, DateTimeOffset now, string userId, string kind, string? detail) =>
        db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, At = now, ActorId = userId, Kind = kind, Detail = detail });
}
