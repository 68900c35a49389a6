using Microsoft.EntityFrameworkCore;
using Tertulia.Publishing;
using Tertulia.Storage;

namespace Tertulia.Alerts.Incidents;

/// <summary>
/// Posts the incident's holding statement on the brand's own channels (Mastodon, Bluesky...) through the publishing
/// outbox — the one way Tertulia posts, so each channel gets it exactly once and it comes back as the brand's mention,
/// the team's first public answer. Posting the same statement again (a second click, a second node) returns the first
/// publication; an edited statement is a new one, an update. Posting it is the playbook's public acknowledgement.
/// </summary>
public sealed class PostStatement(IDbContextFactory<TertuliaDb> dbs, PublishNow publishNow, WriteGate writeGate, TimeProvider clock)
{
    public sealed record Outcome(long? PublicationId, string? Error = null, bool NotFound = false, bool AlreadyPosted = false);

    public static string Origin(long incidentId) => $"incident:{incidentId}";

    /// <param name="channelIds">Null: every enabled channel of the workspace that can post.</param>
    public async Task<Outcome> HandleAsync(int workspaceId, long incidentId, string userId, IReadOnlyList<int>? channelIds, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        PublishNow.Outcome outcome;
        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The incidents' lock: two clicks on two nodes see each other's publication.
            await Evaluation.AlertLocks.IncidentsAsync(db, workspaceId, ct);
            var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId && i.WorkspaceId == workspaceId, ct);
            if (incident is null)
            {
                return new Outcome(null, NotFound: true);
            }
            if (string.IsNullOrWhiteSpace(incident.HoldingStatement))
            {
                return new Outcome(null, "Write and save the holding statement first.");
            }
            var origin = Origin(incidentId);
            var posted = await db.Publications
                .Where(p => p.WorkspaceId == workspaceId && p.Origin == origin && p.Text == incident.HoldingStatement
                    && p.State != PublicationState.Failed && p.State != PublicationState.Cancelled)
                .Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
            if (posted is { } id)
            {
                return new Outcome(id, AlreadyPosted: true);
            }
            outcome = await publishNow.StageAsync(db, workspaceId, new PublishNow.Request(incident.HoldingStatement, channelIds), userId, origin, ct);
            if (outcome.PublicationId is null)
            {
                return new Outcome(null, outcome.Error);
            }
            var now = clock.GetUtcNow();
            db.IncidentEvents.Add(new IncidentEvent
            {
                IncidentId = incident.Id, At = now, ActorId = userId, Kind = IncidentEvents.StatementPosted, Detail = outcome.PublicationId.ToString(),
            });
            if (!await StepDoneAsync(db, incident.Id, CrisisSteps.AcknowledgePublicly, ct))
            {
                db.IncidentEvents.Add(new IncidentEvent
                {
                    IncidentId = incident.Id, At = now, ActorId = userId, Kind = IncidentEvents.StepDone, Detail = CrisisSteps.AcknowledgePublicly,
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        publishNow.Wake();
        return new Outcome(outcome.PublicationId);
    }

    private static async Task<bool> StepDoneAsync(TertuliaDb db, long incidentId, string step, CancellationToken ct) =>
        await db.IncidentEvents.Where(e => e.IncidentId == incidentId && e.Detail == step
                && (e.Kind == IncidentEvents.StepDone || e.Kind == IncidentEvents.StepUndone))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => e.Kind).FirstOrDefaultAsync(ct) == IncidentEvents.StepDone;
}
