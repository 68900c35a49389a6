using Microsoft.EntityFrameworkCore;
using Tertulia.Ideas;
using Tertulia.Insights.Metrics;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Insights.Report;

/// <summary>What the report quotes beside its figures: customers' words, open ideas and incidents of the period.</summary>
public static class ReportQuotes
{
    public const int QuoteCount = 3;
    public const int IdeaCount = 5;
    public const int IncidentCount = 5;
    public const int QuoteLength = 280;

    /// <summary>The customers' mentions (not the brand's, not spam) that praise most (or complain most) in the period.</summary>
    public static async Task<List<ReportQuote>> CustomersAsync(TertuliaDb db, PeriodInsights insights, bool praise, CancellationToken ct)
    {
        var period = insights.Period;
        var mentions = db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == insights.WorkspaceId
            && m.Published >= period.Start && m.Published < period.End && !m.IsSpam
            && (insights.ChannelId == null || m.ChannelId == insights.ChannelId)
            && !db.Contacts.Any(c => c.Id == m.ContactId && c.IsBrand)
            && !db.ConversationMessages.Any(x => x.MentionId == m.Id && x.FromBrand));
        if (insights.QueryId is { } query)
        {
            mentions = mentions.Where(m => db.QueryMatches.Any(q => q.MentionId == m.Id && q.QueryId == query));
        }
        // Nulls are ordered apart: SQLite sorts them first, PostgreSQL last.
        mentions = praise
            ? mentions.Where(m => m.Intent == Intent.Praise || m.Sentiment == Sentiment.Positive)
                .OrderByDescending(m => m.Intent == Intent.Praise && m.Sentiment == Sentiment.Positive).ThenBy(m => m.SentimentScore == null).ThenByDescending(m => m.SentimentScore).ThenByDescending(m => m.Published).ThenByDescending(m => m.Id)
            : mentions.Where(m => m.Intent == Intent.Complaint || m.Sentiment == Sentiment.Negative)
                .OrderByDescending(m => m.Intent == Intent.Complaint && m.Sentiment == Sentiment.Negative).ThenBy(m => m.SentimentScore == null).ThenBy(m => m.SentimentScore).ThenByDescending(m => m.Published).ThenByDescending(m => m.Id);
        var rows = await mentions.Take(QuoteCount)
            .Select(m => new { m.Id, m.Author, Channel = db.Channels.Where(c => c.Id == m.ChannelId).Select(c => c.Name).FirstOrDefault(), m.Published, m.Title, m.Text, m.Url, m.SentimentScore })
            .ToListAsync(ct);
        return rows.Select(r => new ReportQuote(r.Id, r.Author, r.Channel ?? "", r.Published,
            BoundedText.Clip(string.IsNullOrWhiteSpace(r.Text) ? r.Title ?? "" : r.Text, QuoteLength), r.Url, r.SentimentScore)).ToList();
    }

    /// <summary>Ideas not yet done or declined, those most asked for first.</summary>
    public static async Task<List<ReportIdea>> OpenIdeasAsync(TertuliaDb db, PeriodInsights insights, CancellationToken ct)
    {
        var period = insights.Period;
        var rows = await db.Ideas.AsNoTracking()
            .Where(i => i.WorkspaceId == insights.WorkspaceId && i.CreatedAt < period.End
                && (i.Status == IdeaStatus.New || i.Status == IdeaStatus.UnderReview || i.Status == IdeaStatus.Planned))
            .Select(i => new
            {
                i.Id, i.Title, i.Status,
                Suggestions = db.Suggestions.Count(s => s.IdeaId == i.Id && s.At < period.End),
                InPeriod = db.Suggestions.Count(s => s.IdeaId == i.Id && s.At >= period.Start && s.At < period.End),
            })
            .OrderByDescending(i => i.Suggestions).ThenByDescending(i => i.InPeriod).ThenBy(i => i.Id)
            .Take(IdeaCount).ToListAsync(ct);
        return rows.Select(i => new ReportIdea(i.Id, i.Title, ToName(i.Status.ToString()), i.Suggestions, i.InPeriod)).ToList();
    }

    /// <summary>Incidents open at any moment of the period, the largest first.</summary>
    public static async Task<List<ReportIncident>> IncidentsAsync(TertuliaDb db, PeriodInsights insights, CancellationToken ct)
    {
        var period = insights.Period;
        var rows = await db.Incidents.AsNoTracking()
            .Where(i => i.WorkspaceId == insights.WorkspaceId && i.StartedAt < period.End && (i.ClosedAt == null || i.ClosedAt >= period.Start))
            .ToListAsync(ct);
        return rows.OrderByDescending(i => i.Size).ThenByDescending(i => i.Level).ThenBy(i => i.Id).Take(IncidentCount)
            .Select(i => new ReportIncident(i.Id, i.Title, ToName(i.Status.ToString()), i.Level, i.Size, i.OpenedAt, i.ClosedAt)).ToList();
    }

    /// <summary>UnderReview → under-review, the way the API names states.</summary>
    private static string ToName(string value) =>
        string.Concat(value.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
