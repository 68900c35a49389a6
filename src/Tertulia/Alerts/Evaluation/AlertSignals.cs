using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Rules;
using Tertulia.Ingestion;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// Inside the storing transaction: asks for the workspace to be looked at again (an <see cref="AlertCheck"/> that
/// commits with the mentions), and reads the new mentions for a risk rule's words — the one check that needs each
/// text, done here while the texts are in memory. The counting itself runs after the commit, in <see cref="AlertWorker"/>.
/// </summary>
public sealed class AlertSignals(AlertWorker worker, TimeProvider clock) : IStoredMentionsHandler
{
    // A flood of risk words is one storm: the incident needs a few of them, not each.
    private const int MaxRiskChecksPerBatch = 20;

    public async Task OnStoredAsync(TertuliaDb db, IReadOnlyList<Mention> stored, CancellationToken ct)
    {
        if (stored.Count == 0)
        {
            return;
        }
        var workspaceId = stored[0].WorkspaceId;
        var now = clock.GetUtcNow();
        var riskRules = await db.AlertRules.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId && r.Enabled && r.Kind == AlertKind.RiskMention)
            .ToListAsync(ct);
        var checks = 0;
        foreach (var rule in riskRules)
        {
            var vocabulary = new RiskVocabulary(rule.RiskTerms);
            foreach (var mention in stored)
            {
                if (checks >= MaxRiskChecksPerBatch)
                {
                    break;
                }
                // An import of last year's mentions is history, not an emergency.
                if (mention.IsSpam || mention.FromBrandHint || mention.Published < now.AddDays(-1))
                {
                    continue;
                }
                if (rule.QueryId is { } q && !db.QueryMatches.Local.Any(m => m.MentionId == mention.Id && m.QueryId == q))
                {
                    continue;
                }
                if (vocabulary.FirstIn($"{mention.Title} {mention.Text}") is not null)
                {
                    // At = when it was said: the storm (and the crisis room's mentions) start there.
                    db.AlertChecks.Add(new AlertCheck { WorkspaceId = workspaceId, RiskMentionId = mention.Id, RiskRuleId = rule.Id, At = mention.Published < now ? mention.Published : now });
                    checks++;
                }
            }
        }
        db.AlertChecks.Add(new AlertCheck { WorkspaceId = workspaceId, At = now });
        await db.SaveChangesAsync(ct);
        // Usually before the commit: the worker also looks every tick, so a wake that comes early costs a tick.
        worker.Wake();
    }
}
