namespace Tertulia.Insights.Metrics;

/// <summary>A part of a whole, with its percentage (one decimal; null when the whole is 0).</summary>
public sealed record Rate(int Part, int Whole)
{
    public double? Percent => Whole == 0 ? null : Math.Round(100.0 * Part / Whole, 1);
}

public sealed record SentimentMix(int Positive, int Neutral, int Negative, int Unread)
{
    /// <summary>(positive − negative) / (positive + neutral + negative), in points from −100 to +100.</summary>
    public double? Net => Positive + Neutral + Negative == 0 ? null : Math.Round(100.0 * (Positive - Negative) / (Positive + Neutral + Negative), 1);
}

public sealed record IntentMix(int Complaint, int Question, int Suggestion, int Praise, int Other, int Unread);

/// <summary>Customers who wrote in the period by the strength of their relationship at its end (0; under 25; 25–50; 50–75; 75 and more).</summary>
public sealed record StrengthBands(int None, int Weak, int Growing, int Strong, int Close);

/// <summary>Every headline figure of one period; docs/insights.md defines each one.</summary>
public sealed record Figures(
    int Mentions, int CustomerMentions, int BrandMentions,
    SentimentMix Sentiment, IntentMix Intent,
    Rate Response, double? MedianResponseMinutes, double? P90ResponseMinutes,
    Rate Dialogue, Rate Monologue,
    int ActiveCustomers, int EngagedCommunity, int ReturningCustomers, StrengthBands Strength);

public sealed record TrendPoint(DateOnly Day, int Mentions, int Positive, int Neutral, int Negative);

public sealed record TermCount(string Term, int Mentions);

/// <summary>A brand or competitor query's mentions and their share of all brand and competitor mentions.</summary>
public sealed record Voice(int QueryId, string Name, string Role, int Mentions, double? Share, int PreviousMentions, double? PreviousShare);

public sealed record ChannelFigures(int ChannelId, string Name, string Kind, int Mentions, int CustomerMentions, SentimentMix Sentiment, Rate Response);

public sealed record QueryFigures(int QueryId, string Name, string Role, int Mentions, int PreviousMentions, SentimentMix Sentiment, IntentMix Intent);

/// <summary>What the dashboard, the report and the CSV show for a period, with the previous period beside it.</summary>
public sealed record PeriodInsights(
    int WorkspaceId, string WorkspaceName, InsightsPeriod Period, InsightsPeriod PreviousPeriod, int? ChannelId, int? QueryId,
    Figures Current, Figures Previous, IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<TermCount> Terms, IReadOnlyList<TermCount> Hashtags,
    IReadOnlyList<Voice> ShareOfVoice, IReadOnlyList<ChannelFigures> Channels, IReadOnlyList<QueryFigures> Queries);
