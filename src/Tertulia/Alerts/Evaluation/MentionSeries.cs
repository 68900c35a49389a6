using Microsoft.EntityFrameworkCore;
using Tertulia.Insights.Rollups;
using RollupHours = Tertulia.Insights.Rollups.Hours;
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

    /// <summary>
    /// History comes from the Insights rollups (kept in the storing transaction, so as fresh as the mentions): one
    /// row per clock hour and kind instead of four weeks of mentions per check. Only the current and the previous
    /// clock hour are read as mentions, so the buckets the detector tests end exactly now; an older clock hour is
    /// placed in the bucket that holds its middle (at most half an hour off, which an hour-of-week baseline and a
    /// 3 to 24 hour window do not feel).
    /// </summary>
    public static async Task<MentionSeries> LoadAsync(
        TertuliaDb db, int workspaceId, int? queryId, DateTimeOffset now, CancellationToken ct, int hours = DetectorHours)
    {
        var series = new MentionSeries(now, hours);
        var from = series.FirstHourStart;
        var exactFrom = RollupHours.Of(now).AddHours(-1);
        if (exactFrom < from)
        {
            exactFrom = from;
        }
        await AddRollupsAsync(db, series, workspaceId, queryId, RollupHours.Of(from), exactFrom, ct);
        await AddMentionsAsync(db, series, workspaceId, queryId, exactFrom, now, ct);
        return series;
    }

    private static async Task AddRollupsAsync(
        TertuliaDb db, MentionSeries series, int workspaceId, int? queryId, DateTimeOffset fromHour, DateTimeOffset toHour, CancellationToken ct)
    {
        if (fromHour >= toHour)
        {
            return;
        }
        // The brand's own messages (FromBrand) are not the public talking; spam is not in the rollups.
        var rows = queryId is { } q
            ? await db.Set<QueryHourlyRollup>().AsNoTracking()
                .Where(r => r.WorkspaceId == workspaceId && r.QueryId == q && r.Hour >= fromHour && r.Hour < toHour && !r.FromBrand)
                .GroupBy(r => new { r.Hour, r.Sentiment, r.Intent })
                .Select(g => new { g.Key.Hour, g.Key.Sentiment, g.Key.Intent, Mentions = g.Sum(r => r.Mentions) })
                .ToListAsync(ct)
            : await db.Set<HourlyRollup>().AsNoTracking()
                .Where(r => r.WorkspaceId == workspaceId && r.Hour >= fromHour && r.Hour < toHour && !r.FromBrand)
                .GroupBy(r => new { r.Hour, r.Sentiment, r.Intent })
                .Select(g => new { g.Key.Hour, g.Key.Sentiment, g.Key.Intent, Mentions = g.Sum(r => r.Mentions) })
                .ToListAsync(ct);
        foreach (var row in rows)
        {
            series.Add(row.Hour.AddMinutes(30), row.Sentiment == "" ? null : row.Sentiment == "negative",
                row.Intent == "complaint", row.Mentions);
        }
    }

    private static async Task AddMentionsAsync(
        TertuliaDb db, MentionSeries series, int workspaceId, int? queryId, DateTimeOffset from, DateTimeOffset now, CancellationToken ct)
    {
        var mentions = db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.Published >= from && m.Published < now && !m.IsSpam);
        if (queryId is { } q)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(x => x.QueryId == q && x.MentionId == m.Id));
        }
        // As the rollups count them: a brand's contact or a message marked FromBrand is the brand talking.
        var rows = await mentions
            .Where(m => !db.ConversationMessages.Any(c => c.MentionId == m.Id && c.FromBrand) && !db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand))
            .Select(m => new { m.Published, m.Sentiment, m.Intent })
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            series.Add(row.Published, row.Sentiment is null ? null : row.Sentiment == Sentiment.Negative, row.Intent == Intent.Complaint, 1);
        }
    }

    private void Add(DateTimeOffset at, bool? negative, bool complaint, int count)
    {
        var i = (int)Math.Floor((at - FirstHourStart).TotalHours);
        if (i < 0 || i >= Hours)
        {
            return;
        }
        Total[i] += count;
        if (negative is { } n)
        {
            Understood[i] += count;
            if (n)
            {
                Negative[i] += count;
            }
        }
        if (complaint)
        {
            Complaints[i] += count;
        }
    }
}
