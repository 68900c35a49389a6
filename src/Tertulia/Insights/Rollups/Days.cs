namespace Tertulia.Insights.Rollups;

/// <summary>UTC days, the grain of the daily rollups, and how a period splits into whole days and edge hours.</summary>
public static class Days
{
    public static DateTimeOffset Of(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerDay, TimeSpan.Zero);
    }

    /// <summary>The UTC days the hours [<paramref name="from"/>, <paramref name="to"/>) fall in.</summary>
    public static IEnumerable<DateTimeOffset> Touched(DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = Of(from); day < to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    /// <summary>
    /// [<paramref name="start"/>, <paramref name="end"/>) as whole UTC days [Start, End) and the hours left at its
    /// edges: [start, Start) and [End, end). A period shorter than a UTC day is all edge (Start = End = end).
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Whole(DateTimeOffset start, DateTimeOffset end)
    {
        var first = Of(start) == start ? start : Of(start).AddDays(1);
        var last = Of(end);
        return first < last ? (first, last) : (end, end);
    }

    public static List<DailyRollup> Of(IEnumerable<HourlyRollup> hours) => hours
        .GroupBy(r => (r.WorkspaceId, Day: Of(r.Hour), r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer))
        .Select(g => new DailyRollup
        {
            WorkspaceId = g.Key.WorkspaceId, Day = g.Key.Day, ChannelId = g.Key.ChannelId, Sentiment = g.Key.Sentiment, Intent = g.Key.Intent,
            FromBrand = g.Key.FromBrand, Answers = g.Key.Answers, Answered = g.Key.Answered, NeedsAnswer = g.Key.NeedsAnswer, GotAnswer = g.Key.GotAnswer,
            Mentions = g.Sum(r => r.Mentions),
        }).ToList();

    public static List<QueryDailyRollup> Of(IEnumerable<QueryHourlyRollup> hours) => hours
        .GroupBy(r => (r.WorkspaceId, Day: Of(r.Hour), r.QueryId, r.ChannelId, r.Sentiment, r.Intent, r.FromBrand))
        .Select(g => new QueryDailyRollup
        {
            WorkspaceId = g.Key.WorkspaceId, Day = g.Key.Day, QueryId = g.Key.QueryId, ChannelId = g.Key.ChannelId, Sentiment = g.Key.Sentiment,
            Intent = g.Key.Intent, FromBrand = g.Key.FromBrand, Mentions = g.Sum(r => r.Mentions),
        }).ToList();

    public static List<TermDailyRollup> Of(IEnumerable<TermHourlyRollup> hours) => hours
        .GroupBy(r => (r.WorkspaceId, Day: Of(r.Hour), r.Term))
        .Select(g => new TermDailyRollup { WorkspaceId = g.Key.WorkspaceId, Day = g.Key.Day, Term = g.Key.Term, Mentions = g.Sum(r => r.Mentions) })
        .ToList();
}
