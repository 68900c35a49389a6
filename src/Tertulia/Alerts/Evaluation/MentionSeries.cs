using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// A workspace's (or one listening query's) hourly counts over the detector's history: all mentions, negative ones,
/// understood ones, complaints. Buckets end at <see cref="End"/> (now): the last one is the last 60 minutes, not a
/// clock hour half gone. Spam and the brand's own messages are not counted.
/// </summary>
public sealed class MentionSeries
{
    /// <summary>What the detector needs: four weeks of history and the day it tests.</summary>
    public const int DetectorHours = 4 * 168 + 24;

    public DateTimeOffset End { get; }
    public int Hours { get; }
    public DateTimeOffset FirstHourStart => End.AddHours(-Hours);
    public int[] Total { get; }
    public int[] Negative { get; }
    public int[] Understood { get; }
    public int[] Complaints { get; }

    private MentionSeries(DateTimeOffset end, int hours)
    {
        (End, Hours) = (end, hours);
        (Total, Negative, Understood, Complaints) = (new int[hours], new int[hours], new int[hours], new int[hours]);
    }

    public static async Task<MentionSeries> LoadAsync(
        TertuliaDb db, int workspaceId, int? queryId, DateTimeOffset now, CancellationToken ct, int hours = DetectorHours)
    {
        var series = new MentionSeries(now, hours);
        var from = series.FirstHourStart;
        var mentions = db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.Published >= from && m.Published < now && !m.IsSpam);
        if (queryId is { } q)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(x => x.QueryId == q && x.MentionId == m.Id));
        }
        // The brand's own answers are messages of the conversation marked FromBrand: they are not the public talking.
        var brand = db.ConversationMessages.Where(c => c.FromBrand).Select(c => c.MentionId);
        var rows = await mentions.Where(m => !brand.Contains(m.Id))
            .Select(m => new { m.Published, m.Sentiment, m.Intent })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var i = (int)Math.Floor((row.Published - from).TotalHours);
            if (i < 0 || i >= hours)
            {
                continue;
            }
            series.Total[i]++;
            if (row.Sentiment is not null)
            {
                series.Understood[i]++;
                if (row.Sentiment == Sentiment.Negative)
                {
                    series.Negative[i]++;
                }
            }
            if (row.Intent == Intent.Complaint)
            {
                series.Complaints[i]++;
            }
        }
        return series;
    }
}
