using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Alerts.Incidents;
using Tertulia.Alerts.Notifications;
using Tertulia.Alerts.Rules;
using Tertulia.Inbox;
using Tertulia.Storage;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// Looks at one workspace now: what each enabled rule sees (counts from the store, risk mentions from the checks),
/// then opens, grows, escalates or closes its incidents — one per storm and scope: rules of the same scope that fire
/// while an incident is open join it. Counting runs outside any lock; deciding runs under the workspace's lock.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<TertuliaDb> dbs,
    WriteGate writeGate,
    IncidentNotifier notifier,
    IOptions<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertEvaluator> log)
{
    /// <summary>
    /// Evaluates the workspace and consumes <paramref name="checkIds"/>: under the lock, so of two nodes that read the
    /// same checks one counts their risk mentions and the other finds them gone.
    /// </summary>
    public async Task EvaluateAsync(int workspaceId, IReadOnlyList<long> checkIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.WorkspaceId == workspaceId && r.Enabled).OrderBy(r => r.Id).ToListAsync(ct);
        if (rules.Count == 0)
        {
            using (await writeGate.EnterAsync(ct))
            {
                await db.AlertChecks.Where(c => c.WorkspaceId == workspaceId && checkIds.Contains(c.Id)).ExecuteDeleteAsync(ct);
            }
            return;
        }
        var findings = await FindAsync(db, workspaceId, rules, now, ct);

        using (await writeGate.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await AlertLocks.IncidentsAsync(db, workspaceId, ct);
            var checks = checkIds.Count == 0 ? [] : await db.AlertChecks.Where(c => c.WorkspaceId == workspaceId && checkIds.Contains(c.Id)).ToListAsync(ct);
            db.AlertChecks.RemoveRange(checks);
            FindRisks(rules, checks, findings);
            var open = await db.Incidents.Where(i => i.WorkspaceId == workspaceId && i.ClosedAt == null).ToListAsync(ct);
            var cooldownFrom = now - options.Value.Cooldown;
            var recentlyClosed = await db.Incidents
                .Where(i => i.WorkspaceId == workspaceId && i.ClosedAt != null && i.ClosedAt >= cooldownFrom)
                .OrderByDescending(i => i.ClosedAt).ToListAsync(ct);
            var openedNow = new HashSet<Incident>();
            foreach (var rule in rules)
            {
                var finding = findings.GetValueOrDefault(rule.Id);
                if (finding is null)
                {
                    continue;
                }
                var incident = open.FirstOrDefault(i => i.QueryId == rule.QueryId);
                if (incident is null && recentlyClosed.FirstOrDefault(i => i.QueryId == rule.QueryId && i.Has(rule.Id)) is { } recent)
                {
                    incident = Reopen(db, recent, now);
                    open.Add(incident);
                }
                if (incident is null)
                {
                    incident = Open(db, rule, finding, now);
                    open.Add(incident);
                    openedNow.Add(incident);
                    continue;
                }
                Grow(db, incident, rule, finding, now, joinedSilently: openedNow.Contains(incident));
            }
            await db.SaveChangesAsync(ct);
            foreach (var incident in open)
            {
                if (openedNow.Contains(incident))
                {
                    await notifier.RecordAsync(db, incident, $"incident:{incident.Id}:level:1", ct);
                }
                else if (incident.IsOpen && incident.NotifiedLevel < incident.Level)
                {
                    incident.NotifiedLevel = incident.Level;
                    await notifier.RecordAsync(db, incident, $"incident:{incident.Id}:level:{incident.Level}", ct);
                }
                else if (incident.IsOpen && now - incident.LastSignalAt >= CalmPeriod(incident, rules))
                {
                    incident.ClosedAt = now;
                    incident.Status = IncidentStatus.Resolved;
                    db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, At = now, Kind = IncidentEvents.ClosedCalm });
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        notifier.Committed();
    }

    private static void FindRisks(List<AlertRule> rules, List<AlertCheck> checks, Dictionary<int, RuleFinding> findings)
    {
        foreach (var rule in rules.Where(r => r.Kind == AlertKind.RiskMention))
        {
            var mine = checks.Where(c => c.RiskRuleId == rule.Id && c.RiskMentionId is not null).OrderBy(c => c.Id).ToList();
            if (mine.Count > 0)
            {
                findings[rule.Id] = new RuleFinding(mine.Count, 0, 0, 0, mine.Min(c => c.At), mine.Count, mine[0].RiskMentionId);
            }
        }
    }

    private static async Task<Dictionary<int, RuleFinding>> FindAsync(
        TertuliaDb db, int workspaceId, List<AlertRule> rules, DateTimeOffset now, CancellationToken ct)
    {
        var findings = new Dictionary<int, RuleFinding>();
        var series = new Dictionary<int, MentionSeries>();
        foreach (var rule in rules)
        {
            RuleFinding? finding = null;
            switch (rule.Kind)
            {
                case AlertKind.Volume or AlertKind.NegativeShare or AlertKind.Complaints:
                    var key = rule.QueryId ?? 0;
                    if (!series.TryGetValue(key, out var s))
                    {
                        s = series[key] = await MentionSeries.LoadAsync(db, workspaceId, rule.QueryId, now, ct);
                    }
                    finding = RuleFinding.OfCounts(rule, s);
                    if (finding is not null)
                    {
                        // Its size is counted from the open incident's start, if one is open.
                        var openStart = await db.Incidents.Where(i => i.WorkspaceId == workspaceId && i.ClosedAt == null && i.QueryId == rule.QueryId)
                            .Select(i => (DateTimeOffset?)i.StartedAt).FirstOrDefaultAsync(ct);
                        finding = finding with { Size = finding.SizeSince(s, openStart ?? finding.StartedAt) };
                    }
                    break;
                case AlertKind.SlaBreaches:
                    var breaches = await SlaBreachesAsync(db, workspaceId, now, ct);
                    if (breaches >= Math.Max(1, rule.MinCount))
                    {
                        finding = new RuleFinding(breaches, rule.MinCount, 0, 0, now, breaches);
                    }
                    break;
            }
            if (finding is not null)
            {
                findings[rule.Id] = finding;
            }
        }
        return findings;
    }

    /// <summary>Open conversations still waiting for their first answer past the workspace's first-answer target.</summary>
    private static async Task<int> SlaBreachesAsync(TertuliaDb db, int workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        var target = await db.InboxSettings.AsNoTracking().Where(s => s.WorkspaceId == workspaceId).Select(s => s.FirstResponseMinutes).FirstOrDefaultAsync(ct);
        if (target is not { } minutes)
        {
            return 0;
        }
        var dueBefore = now.AddMinutes(-minutes);
        return await db.Conversations.CountAsync(c => c.WorkspaceId == workspaceId && c.FirstResponseAt == null
            && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending) && c.CreatedAt < dueBefore, ct);
    }

    private Incident Open(TertuliaDb db, AlertRule rule, RuleFinding finding, DateTimeOffset now)
    {
        var incident = new Incident
        {
            WorkspaceId = rule.WorkspaceId, RuleId = rule.Id, QueryId = rule.QueryId, Title = rule.Name,
            OpenedAt = now, StartedAt = finding.StartedAt, LastSignalAt = now,
            Size = finding.Size, NotifiedSize = finding.Size, NotifiedLevel = 1,
            RiskMentions = rule.Kind == AlertKind.RiskMention ? finding.Size : 0,
            PeakObserved = finding.Observed, PeakExpected = finding.Expected, WindowHours = finding.WindowHours,
            TriggerMentionId = finding.TriggerMentionId,
        };
        incident.Add(rule.Id);
        db.Incidents.Add(incident);
        db.IncidentEvents.Add(new IncidentEvent { Incident = incident, At = now, Kind = IncidentEvents.Opened, Detail = Describe(rule, finding) });
        log.LogWarning("Workspace {WorkspaceId}: incident opened by rule {Rule}: {Detail}", rule.WorkspaceId, rule.Name, Describe(rule, finding));
        return incident;
    }

    private static Incident Reopen(TertuliaDb db, Incident incident, DateTimeOffset now)
    {
        incident.ClosedAt = null;
        incident.Status = incident.AcknowledgedAt is null ? IncidentStatus.Open : IncidentStatus.Acknowledged;
        incident.ResolvedBy = null;
        db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, At = now, Kind = IncidentEvents.Reopened });
        return incident;
    }

    /// <summary>
    /// The storm goes on: the incident records it. It escalates (one level, one notification) when the storm has
    /// doubled since it was last notified, or when a risk mention joins a storm that had none.
    /// </summary>
    private static void Grow(TertuliaDb db, Incident incident, AlertRule rule, RuleFinding finding, DateTimeOffset now, bool joinedSilently)
    {
        // A 24-hour window stays loud a day after a spike: only shorter windows (and risk words) keep a storm going.
        var stillStorming = finding.WindowHours is 0 or <= 12;
        if (stillStorming)
        {
            incident.LastSignalAt = now;
        }
        if (!incident.Has(rule.Id))
        {
            incident.Add(rule.Id);
            db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, Incident = incident, At = now, Kind = IncidentEvents.RuleJoined, Detail = Describe(rule, finding) });
            if (rule.Kind == AlertKind.RiskMention && !joinedSilently)
            {
                Escalate(db, incident, now, $"{rule.Name}");
            }
        }
        if (rule.Kind == AlertKind.RiskMention)
        {
            // Risk mentions are the size only of a storm they opened; in a volume storm they escalate it.
            if (rule.Id == incident.RuleId)
            {
                incident.RiskMentions += finding.Size;
                incident.Size = Math.Max(incident.Size, incident.RiskMentions);
            }
        }
        else
        {
            incident.Size = Math.Max(incident.Size, finding.Size);
        }
        if (finding.Observed > incident.PeakObserved)
        {
            (incident.PeakObserved, incident.PeakExpected, incident.WindowHours) = (finding.Observed, finding.Expected, finding.WindowHours);
        }
        if (!joinedSilently && incident.Size >= 2 * Math.Max(1, incident.NotifiedSize) && incident.Size - incident.NotifiedSize >= 3)
        {
            Escalate(db, incident, now, $"{incident.NotifiedSize} → {incident.Size}");
        }
    }

    private static void Escalate(TertuliaDb db, Incident incident, DateTimeOffset now, string detail)
    {
        incident.Level++;
        incident.NotifiedSize = incident.Size;
        db.IncidentEvents.Add(new IncidentEvent { IncidentId = incident.Id, Incident = incident, At = now, Kind = IncidentEvents.Escalated, Detail = detail });
    }

    private TimeSpan CalmPeriod(Incident incident, List<AlertRule> rules)
    {
        var kinds = incident.Rules().Select(id => rules.FirstOrDefault(r => r.Id == id)?.Kind).ToList();
        return kinds.All(k => k is AlertKind.RiskMention or null) ? options.Value.RiskCalmToClose : options.Value.CalmToClose;
    }

    public static string Describe(AlertRule rule, RuleFinding f) => rule.Kind switch
    {
        AlertKind.RiskMention => $"{f.Observed} risk mention(s)",
        AlertKind.SlaBreaches => $"{f.Observed} conversations past their first-answer target",
        _ => $"{f.Observed} in {f.WindowHours} h (≈{f.Expected:0.#} expected, p={f.PValue:0.##E+0})",
    };
}
