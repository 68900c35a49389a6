using Microsoft.EntityFrameworkCore;
using Tertulia.Contacts;
using Tertulia.Insights.Rollups;
using Tertulia.Listening;
using Tertulia.Storage;
using static Tertulia.Insights.Metrics.RollupView;

namespace Tertulia.Insights.Metrics;

/// <summary>Adds up rollup rows into the figures of docs/insights.md. Pure arithmetic over a <see cref="RollupView"/>.</summary>
public static class InsightsCalculator
{
    public const int TopTermCount = 15;
    public const int TopHashtagCount = 10;

    private sealed record Group(int ChannelId, string Sentiment, string Intent, bool FromBrand, bool Answers, bool Answered, bool NeedsAnswer, bool GotAnswer, int Mentions);

    private sealed record QueryGroup(int QueryId, string Sentiment, string Intent, bool FromBrand, int Mentions);

    /// <param name="views">
    /// A view of the rollups for each part computed at the same time (the period, the one before, the trend and
    /// terms): on a store each its own context and connection, so the parts run side by side.
    /// </param>
    public static async Task<PeriodInsights> ComputeAsync(
        TertuliaDb db, Func<RollupView> views, int workspaceId, InsightsPeriod period, InsightsPeriod previous, TimeZoneInfo zone,
        int? channelId, int? queryId, CancellationToken ct)
    {
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId)
            .Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(ct);
        var queries = await db.ListeningQueries.AsNoTracking().Where(q => q.WorkspaceId == workspaceId)
            .Select(q => new { q.Id, q.Name, q.Role }).ToListAsync(ct);

        // The period, the one before, and the trend with the terms: three independent sets of queries, run side by side
        // (Task.Run: SQLite's provider answers its async calls synchronously).
        var (currentView, previousView, restView) = (views(), views(), views());
        var currentPart = Task.Run(() => PeriodAsync(currentView, period, channelId, queryId, ct), ct);
        var previousPart = Task.Run(() => PeriodAsync(previousView, previous, channelId, queryId, ct), ct);
        var restPart = Task.Run(async () => (Trend: await TrendAsync(restView, period, zone, channelId, queryId, ct), Terms: await TermsAsync(restView, period, ct)), ct);
        await Task.WhenAll(currentPart, previousPart, restPart);
        var (groups, queryGroups, current) = await currentPart;
        var (previousGroups, previousQueryGroups, before) = await previousPart;
        var (trend, (terms, hashtags)) = await restPart;

        var voices = queries.Where(q => q.Role != QueryRole.Topic).ToList();
        var voiceTotal = voices.Sum(q => CustomerAndBrand(queryGroups, q.Id));
        var previousVoiceTotal = voices.Sum(q => CustomerAndBrand(previousQueryGroups, q.Id));
        var shareOfVoice = voices
            .Select(q => new Voice(q.Id, q.Name, Name(q.Role), CustomerAndBrand(queryGroups, q.Id), new Rate(CustomerAndBrand(queryGroups, q.Id), voiceTotal).Percent,
                CustomerAndBrand(previousQueryGroups, q.Id), new Rate(CustomerAndBrand(previousQueryGroups, q.Id), previousVoiceTotal).Percent))
            .OrderByDescending(v => v.Mentions).ThenBy(v => v.Name, StringComparer.Ordinal).ToList();

        var byChannel = channels
            .Select(c => (c, g: groups.Where(g => g.ChannelId == c.Id).ToList()))
            .Where(x => x.g.Count > 0)
            .Select(x => new ChannelFigures(x.c.Id, x.c.Name, x.c.Kind.ToString().ToLowerInvariant(), x.g.Sum(g => g.Mentions),
                x.g.Where(g => !g.FromBrand).Sum(g => g.Mentions), Sentiments(x.g.Where(g => !g.FromBrand).Select(g => (g.Sentiment, g.Mentions))),
                new Rate(x.g.Where(g => g.GotAnswer).Sum(g => g.Mentions), x.g.Where(g => g.NeedsAnswer).Sum(g => g.Mentions))))
            .OrderByDescending(c => c.Mentions).ThenBy(c => c.ChannelId).ToList();

        var byQuery = queries
            .Select(q => (q, g: queryGroups.Where(g => g.QueryId == q.Id).ToList()))
            .Select(x => new QueryFigures(x.q.Id, x.q.Name, Name(x.q.Role), x.g.Sum(g => g.Mentions), CustomerAndBrand(previousQueryGroups, x.q.Id),
                Sentiments(x.g.Where(g => !g.FromBrand).Select(g => (g.Sentiment, g.Mentions))),
                Intents(x.g.Where(g => !g.FromBrand).Select(g => (g.Intent, g.Mentions)))))
            .OrderByDescending(q => q.Mentions).ThenBy(q => q.Name, StringComparer.Ordinal).ToList();

        return new PeriodInsights(workspaceId, workspace, period, previous, channelId, queryId, current, before,
            trend, terms, hashtags, shareOfVoice, byChannel, byQuery);
    }

    private static async Task<(List<Group> Groups, List<QueryGroup> QueryGroups, Figures Figures)> PeriodAsync(
        RollupView view, InsightsPeriod period, int? channelId, int? queryId, CancellationToken ct)
    {
        var groups = await GroupsAsync(view, period, channelId, ct);
        var queryGroups = await QueryGroupsAsync(view, period, channelId, ct);
        return (groups, queryGroups, await FiguresAsync(view, period, channelId, queryId, groups, queryGroups, ct));
    }

    // Volume, sentiment, intent and the conversation flags of a period: its whole UTC days from the daily rows, the
    // hours at its edges (local midnight is not UTC midnight) from the hourly ones, added up in one statement.
    private static Task<List<Group>> GroupsAsync(RollupView view, InsightsPeriod period, int? channelId, CancellationToken ct)
    {
        var (dayStart, dayEnd) = Days.Whole(period.Start, period.End);
        var edges = view.Hourly.Where(r => (r.Hour >= period.Start && r.Hour < dayStart || r.Hour >= dayEnd && r.Hour < period.End) && (channelId == null || r.ChannelId == channelId))
            .Select(r => new { r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer, r.Mentions });
        var days = view.Daily.Where(r => r.Day >= dayStart && r.Day < dayEnd && (channelId == null || r.ChannelId == channelId))
            .Select(r => new { r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer, r.Mentions });
        return ListAsync(days.Concat(edges)
            .GroupBy(r => new { r.ChannelId, r.Sentiment, r.Intent, r.FromBrand, r.Answers, r.Answered, r.NeedsAnswer, r.GotAnswer })
            .Select(g => new Group(g.Key.ChannelId, g.Key.Sentiment, g.Key.Intent, g.Key.FromBrand, g.Key.Answers, g.Key.Answered, g.Key.NeedsAnswer, g.Key.GotAnswer, g.Sum(r => r.Mentions))), ct);
    }

    private static Task<List<QueryGroup>> QueryGroupsAsync(RollupView view, InsightsPeriod period, int? channelId, CancellationToken ct)
    {
        var (dayStart, dayEnd) = Days.Whole(period.Start, period.End);
        var edges = view.ByQuery.Where(r => (r.Hour >= period.Start && r.Hour < dayStart || r.Hour >= dayEnd && r.Hour < period.End) && (channelId == null || r.ChannelId == channelId))
            .Select(r => new { r.QueryId, r.Sentiment, r.Intent, r.FromBrand, r.Mentions });
        var days = view.DailyByQuery.Where(r => r.Day >= dayStart && r.Day < dayEnd && (channelId == null || r.ChannelId == channelId))
            .Select(r => new { r.QueryId, r.Sentiment, r.Intent, r.FromBrand, r.Mentions });
        return ListAsync(days.Concat(edges)
            .GroupBy(r => new { r.QueryId, r.Sentiment, r.Intent, r.FromBrand })
            .Select(g => new QueryGroup(g.Key.QueryId, g.Key.Sentiment, g.Key.Intent, g.Key.FromBrand, g.Sum(r => r.Mentions))), ct);
    }

    private static int CustomerAndBrand(List<QueryGroup> groups, int queryId) => groups.Where(g => g.QueryId == queryId).Sum(g => g.Mentions);

    private static async Task<Figures> FiguresAsync(
        RollupView view, InsightsPeriod period, int? channelId, int? queryId, List<Group> groups, List<QueryGroup> queryGroups, CancellationToken ct)
    {
        // A query narrows what is said (volume, sentiment, intent); conversations are the brand's, whatever query tagged them.
        var said = queryId is { } q
            ? queryGroups.Where(g => g.QueryId == q).Select(g => (g.FromBrand, g.Sentiment, g.Intent, g.Mentions)).ToList()
            : groups.Select(g => (g.FromBrand, g.Sentiment, g.Intent, g.Mentions)).ToList();
        var customers = said.Where(g => !g.FromBrand).ToList();
        var brand = groups.Where(g => g.FromBrand).ToList();

        var minutes = await ListAsync(view.Responses.Where(r => r.Hour >= period.Start && r.Hour < period.End && (channelId == null || r.ChannelId == channelId))
            .Select(r => r.Minutes), ct);
        minutes.Sort();

        var contacts = await ContactsAsync(view, period, ct);

        return new Figures(
            said.Sum(g => g.Mentions), customers.Sum(g => g.Mentions), said.Where(g => g.FromBrand).Sum(g => g.Mentions),
            Sentiments(customers.Select(g => (g.Sentiment, g.Mentions))), Intents(customers.Select(g => (g.Intent, g.Mentions))),
            new Rate(groups.Where(g => g.GotAnswer).Sum(g => g.Mentions), groups.Where(g => g.NeedsAnswer).Sum(g => g.Mentions)),
            Median(minutes), Percentile90(minutes),
            new Rate(brand.Where(g => g.Answers).Sum(g => g.Mentions), brand.Sum(g => g.Mentions)),
            new Rate(brand.Where(g => !g.Answers && !g.Answered).Sum(g => g.Mentions), brand.Sum(g => g.Mentions)),
            contacts.Active, contacts.Engaged, contacts.Returning, contacts.Bands);
    }

    private sealed record ContactCounts(int Active, int Engaged, int Returning, StrengthBands Bands);

    /// <summary>
    /// The period's customers, those with an exchange in it, those who wrote before it, and the strength bands of
    /// their relationships at its end — counted in the database in one pass over the period's contact hours. A
    /// contact's hour row exists only for an hour they wrote in; their sum of exchange weights at the period's end is
    /// the growth to date of their last row in it, compared with the least sum that reaches each band
    /// (RelationshipStrength.GrowthForStrength).
    /// </summary>
    private static async Task<ContactCounts> ContactsAsync(RollupView view, InsightsPeriod period, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var (above0, from25, from50, from75) = (RelationshipStrength.GrowthForStrength(0.1, end), RelationshipStrength.GrowthForStrength(25, end),
            RelationshipStrength.GrowthForStrength(50, end), RelationshipStrength.GrowthForStrength(75, end));
        var inPeriod = view.Contacts.Where(r => r.Hour >= start && r.Hour < end);
        if (view.Contacts is EnumerableQuery)
        {
            // In memory (the scan the bench compares with): the same sums and comparisons, with sets.
            var active = inPeriod.GroupBy(r => r.ContactId).Select(g => new { ContactId = g.Key, Exchanges = g.Sum(r => r.Exchanges) }).ToList();
            var ids = active.Select(a => a.ContactId).ToHashSet();
            var before = view.Contacts.Where(r => r.Hour < start && r.Messages > 0 && ids.Contains(r.ContactId)).Select(r => r.ContactId).ToHashSet();
            var growth = view.Contacts.Where(r => r.Hour < end && r.Exchanges > 0 && ids.Contains(r.ContactId))
                .GroupBy(r => r.ContactId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Hour).Sum(r => r.ExchangeGrowth)); // added in the chains' order
            var sums = active.Select(a => growth.GetValueOrDefault(a.ContactId)).ToList();
            return new ContactCounts(active.Count, active.Count(a => a.Exchanges > 0), active.Count(a => before.Contains(a.ContactId)),
                BandsOf(sums.Count, sums.Count(g => g >= above0), sums.Count(g => g >= from25), sums.Count(g => g >= from50), sums.Count(g => g >= from75)));
        }
        // In the database, from the period's rows alone (ContactChains): a customer's first row in the period is the
        // one whose previous hour is before it, their last the one whose next hour is after it.
        var counts = await inPeriod.GroupBy(_ => 1)
            .Select(g => new
            {
                Active = g.Count(r => r.PreviousHour == null || r.PreviousHour < start),
                Returning = g.Count(r => r.PreviousHour != null && r.PreviousHour < start),
                Engaged = g.Count(r => r.Exchanges > 0 && (r.PreviousExchangeHour == null || r.PreviousExchangeHour < start)),
                Above0 = g.Count(r => (r.NextHour == null || r.NextHour >= end) && r.GrowthToDate >= above0),
                From25 = g.Count(r => (r.NextHour == null || r.NextHour >= end) && r.GrowthToDate >= from25),
                From50 = g.Count(r => (r.NextHour == null || r.NextHour >= end) && r.GrowthToDate >= from50),
                From75 = g.Count(r => (r.NextHour == null || r.NextHour >= end) && r.GrowthToDate >= from75),
            })
            .SingleOrDefaultAsync(ct);
        return counts is null
            ? new ContactCounts(0, 0, 0, new StrengthBands(0, 0, 0, 0, 0))
            : new ContactCounts(counts.Active, counts.Engaged, counts.Returning, BandsOf(counts.Active, counts.Above0, counts.From25, counts.From50, counts.From75));
    }

    /// <summary>Bands from how many reach each threshold: 0, under 25, 25–50, 50–75, 75 and more.</summary>
    private static StrengthBands BandsOf(int all, int above0, int from25, int from50, int from75) =>
        new(all - above0, above0 - from25, from25 - from50, from50 - from75, from75);

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? Math.Round(sorted[sorted.Count / 2], 1)
        : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);

    /// <summary>Nearest rank: the value at position ⌈0.9·n⌉ (1-based) — 90 % of the answers came at least this fast.</summary>
    public static double? Percentile90(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : Math.Round(sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1], 1);

    private static SentimentMix Sentiments(IEnumerable<(string Sentiment, int Mentions)> rows)
    {
        var list = rows.ToList();
        int Of(string s) => list.Where(r => r.Sentiment == s).Sum(r => r.Mentions);
        return new SentimentMix(Of("positive"), Of("neutral"), Of("negative"), Of(""));
    }

    private static IntentMix Intents(IEnumerable<(string Intent, int Mentions)> rows)
    {
        var list = rows.ToList();
        int Of(string s) => list.Where(r => r.Intent == s).Sum(r => r.Mentions);
        return new IntentMix(Of("complaint"), Of("question"), Of("suggestion"), Of("praise"), Of("other"), Of(""));
    }

    private sealed record TrendRow(DateTimeOffset At, string Sentiment, bool FromBrand, int Mentions);

    /// <summary>
    /// Mentions per local day of the period. Each whole UTC day's daily rows count on the local day of its noon; the
    /// hours of it that fall on another local day (Madrid's midnight is 23:00 or 22:00 UTC) are moved there from the
    /// hourly rows, which also give the period's edge hours: a month reads ~30 daily groups and ~60 hours, not 720.
    /// </summary>
    private static async Task<List<TrendPoint>> TrendAsync(RollupView view, InsightsPeriod period, TimeZoneInfo zone, int? channelId, int? queryId, CancellationToken ct)
    {
        DateOnly Local(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        var (dayStart, dayEnd) = Days.Whole(period.Start, period.End);
        var moved = new List<DateTimeOffset>();
        for (var day = dayStart; day < dayEnd; day = day.AddDays(1))
        {
            var main = Local(day.AddHours(12));
            moved.AddRange(Enumerable.Range(0, 24).Select(h => day.AddHours(h)).Where(h => Local(h) != main));
        }
        var edges = new List<DateTimeOffset>();
        for (var hour = period.Start; hour < period.End; hour = hour.AddHours(1))
        {
            if (hour < dayStart || hour >= dayEnd)
            {
                edges.Add(hour);
            }
        }
        var hours = moved.Concat(edges).ToList();

        List<TrendRow> daily, hourly;
        if (queryId is { } q)
        {
            daily = await ListAsync(view.DailyByQuery.Where(r => r.QueryId == q && r.Day >= dayStart && r.Day < dayEnd && (channelId == null || r.ChannelId == channelId))
                .GroupBy(r => new { r.Day, r.Sentiment, r.FromBrand }).Select(g => new TrendRow(g.Key.Day, g.Key.Sentiment, g.Key.FromBrand, g.Sum(r => r.Mentions))), ct);
            hourly = await ListAsync(view.ByQuery.Where(r => r.QueryId == q && hours.Contains(r.Hour) && (channelId == null || r.ChannelId == channelId))
                .GroupBy(r => new { r.Hour, r.Sentiment, r.FromBrand }).Select(g => new TrendRow(g.Key.Hour, g.Key.Sentiment, g.Key.FromBrand, g.Sum(r => r.Mentions))), ct);
        }
        else
        {
            daily = await ListAsync(view.Daily.Where(r => r.Day >= dayStart && r.Day < dayEnd && (channelId == null || r.ChannelId == channelId))
                .GroupBy(r => new { r.Day, r.Sentiment, r.FromBrand }).Select(g => new TrendRow(g.Key.Day, g.Key.Sentiment, g.Key.FromBrand, g.Sum(r => r.Mentions))), ct);
            hourly = await ListAsync(view.Hourly.Where(r => hours.Contains(r.Hour) && (channelId == null || r.ChannelId == channelId))
                .GroupBy(r => new { r.Hour, r.Sentiment, r.FromBrand }).Select(g => new TrendRow(g.Key.Hour, g.Key.Sentiment, g.Key.FromBrand, g.Sum(r => r.Mentions))), ct);
        }

        var counts = new Dictionary<(DateOnly Day, string Sentiment, bool FromBrand), int>();
        void Add(DateOnly day, TrendRow row, int sign) =>
            counts[(day, row.Sentiment, row.FromBrand)] = counts.GetValueOrDefault((day, row.Sentiment, row.FromBrand)) + sign * row.Mentions;
        foreach (var row in daily)
        {
            Add(Local(row.At.AddHours(12)), row, +1);
        }
        foreach (var row in hourly)
        {
            if (row.At >= dayStart && row.At < dayEnd)
            {
                Add(Local(Days.Of(row.At).AddHours(12)), row, -1);
            }
            Add(Local(row.At), row, +1);
        }
        return Enumerable.Range(0, period.Days).Select(i => period.From.AddDays(i)).Select(day =>
        {
            int Of(string? sentiment, bool? fromBrand) => counts.Where(c => c.Key.Day == day && (sentiment == null || c.Key.Sentiment == sentiment) && (fromBrand == null || c.Key.FromBrand == fromBrand)).Sum(c => c.Value);
            return new TrendPoint(day, Of(null, null), Of("positive", false), Of("neutral", false), Of("negative", false));
        }).ToList();
    }

    private static async Task<(List<TermCount> Terms, List<TermCount> Hashtags)> TermsAsync(RollupView view, InsightsPeriod period, CancellationToken ct)
    {
        var (dayStart, dayEnd) = Days.Whole(period.Start, period.End);
        var inPeriod = view.DailyTerms.Where(r => r.Day >= dayStart && r.Day < dayEnd).Select(r => new { r.Term, r.Mentions })
            .Concat(view.Terms.Where(r => r.Hour >= period.Start && r.Hour < dayStart || r.Hour >= dayEnd && r.Hour < period.End).Select(r => new { r.Term, r.Mentions }));
        // The store orders by count; ties are ordered here, the same way on every store.
        var words = await ListAsync(inPeriod.Where(r => !r.Term.StartsWith("#")).GroupBy(r => r.Term)
            .Select(g => new { Term = g.Key, Mentions = g.Sum(r => r.Mentions) }).OrderByDescending(t => t.Mentions).Take(200), ct);
        var tags = await ListAsync(inPeriod.Where(r => r.Term.StartsWith("#")).GroupBy(r => r.Term)
            .Select(g => new { Term = g.Key, Mentions = g.Sum(r => r.Mentions) }).OrderByDescending(t => t.Mentions).Take(200), ct);
        return (words.OrderByDescending(t => t.Mentions).ThenBy(t => t.Term, StringComparer.Ordinal).Take(TopTermCount).Select(t => new TermCount(t.Term, t.Mentions)).ToList(),
            tags.OrderByDescending(t => t.Mentions).ThenBy(t => t.Term, StringComparer.Ordinal).Take(TopHashtagCount).Select(t => new TermCount(t.Term, t.Mentions)).ToList());
    }

    public static string Name(QueryRole role) => role.ToString().ToLowerInvariant();
}
