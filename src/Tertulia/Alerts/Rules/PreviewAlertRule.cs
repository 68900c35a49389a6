using Microsoft.EntityFrameworkCore;
using Tertulia.Alerts.Evaluation;
using Tertulia.Storage;

namespace Tertulia.Alerts.Rules;

/// <summary>
/// When a rule (saved or being written) would have fired over the last 30 days: the detector replayed hour by hour on
/// the workspace's own counts, each hour seeing only what came before it, with the incidents' calm period folding
/// consecutive firing hours into one alert.
/// </summary>
public sealed class PreviewAlertRule(IDbContextFactory<TertuliaDb> dbs, Microsoft.Extensions.Options.IOptions<AlertsOptions> options, TimeProvider clock)
{
    public const int Days = 30;
    private const int MaxRiskScan = 50_000;

    public sealed record Point(DateTimeOffset Start, int Count, bool Fired);

    public sealed record Alert(DateTimeOffset At, int Observed, double Expected, int WindowHours, long? MentionId);

    public sealed record Preview(int Days, List<Point> Hours, List<Alert> Alerts, string? Note);

    public async Task<Preview> HandleAsync(AlertRule rule, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hours = Days * 24;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var series = await MentionSeries.LoadAsync(db, rule.WorkspaceId, rule.QueryId, now, ct, hours + MentionSeries.DetectorHours);
        var counted = RuleFinding.Counted(rule, series) ?? series.Total;
        var first = series.Hours - hours;
        var points = new List<Point>(hours);
        var alerts = new List<Alert>();
        string? note = null;
        var fired = new bool[hours];
        switch (rule.Kind)
        {
            case AlertKind.RiskMention:
                var scanned = await RiskMentionsAsync(db, rule, now.AddDays(-Days), ct);
                foreach (var (id, at) in scanned)
                {
                    var i = (int)Math.Floor((at - now.AddDays(-Days)).TotalHours);
                    if (i >= 0 && i < hours)
                    {
                        fired[i] = true;
                        if (alerts.Count == 0 || at - alerts[^1].At >= options.Value.RiskCalmToClose)
                        {
                            alerts.Add(new Alert(at, 1, 0, 0, id));
                        }
                    }
                }
                break;
            case AlertKind.SlaBreaches:
                note = "sla-not-replayed";
                break;
            default:
                DateTimeOffset? lastFired = null;
                for (var h = 0; h < hours; h++)
                {
                    var signal = RuleFinding.Detect(rule, series, first + h + 1);
                    if (signal is null)
                    {
                        continue;
                    }
                    fired[h] = true;
                    var at = series.FirstHourStart.AddHours(first + h + 1);
                    if (lastFired is null || at - lastFired >= options.Value.CalmToClose)
                    {
                        alerts.Add(new Alert(at, signal.Observed, Math.Round(signal.Expected, 2), signal.WindowHours, null));
                    }
                    lastFired = at;
                }
                break;
        }
        for (var h = 0; h < hours; h++)
        {
            points.Add(new Point(series.FirstHourStart.AddHours(first + h), counted[first + h], fired[h]));
        }
        return new Preview(Days, points, alerts, note);
    }

    private static async Task<List<(long Id, DateTimeOffset At)>> RiskMentionsAsync(TertuliaDb db, AlertRule rule, DateTimeOffset from, CancellationToken ct)
    {
        var vocabulary = new RiskVocabulary(rule.RiskTerms);
        var mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == rule.WorkspaceId && m.Published >= from && !m.IsSpam);
        if (rule.QueryId is { } q)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(x => x.QueryId == q && x.MentionId == m.Id));
        }
        var rows = await mentions.OrderBy(m => m.Published).Take(MaxRiskScan).Select(m => new { m.Id, m.Published, m.Title, m.Text }).ToListAsync(ct);
        return rows.Where(r => vocabulary.FirstIn($"{r.Title} {r.Text}") is not null).Select(r => (r.Id, r.Published)).ToList();
    }
}
