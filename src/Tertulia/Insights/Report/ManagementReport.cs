using Tertulia.Insights.Metrics;

namespace Tertulia.Insights.Report;

/// <summary>A customer's words quoted in the report: the best praise or the hardest complaints of the period.</summary>
public sealed record ReportQuote(long MentionId, string? Author, string Channel, DateTimeOffset Published, string Text, string? Url, double? SentimentScore);

/// <summary>An idea still open (new, under review or planned) and how many customers asked for it.</summary>
public sealed record ReportIdea(int Id, string Title, string Status, int Suggestions, int SuggestionsInPeriod);

/// <summary>An incident that was open at some time in the period.</summary>
public sealed record ReportIncident(long Id, string Title, string Status, int Level, int Size, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

/// <summary>
/// The management report of a period: the figures of <see cref="PeriodInsights"/> (the same ones the API and the
/// dashboard show), a plain sentence per headline, the customers' words, the open ideas and the incidents.
/// </summary>
public sealed record ManagementReport(
    PeriodInsights Insights,
    IReadOnlyList<string> Headlines,
    IReadOnlyList<ReportQuote> BestPraise,
    IReadOnlyList<ReportQuote> WorstComplaints,
    IReadOnlyList<ReportIdea> OpenIdeas,
    IReadOnlyList<ReportIncident> Incidents,
    string Language,
    DateTimeOffset GeneratedAt);
