namespace Tertulia.Assessment;

/// <summary>
/// What the workspace's own data says about the questions it can answer (who talks and where, how loud the
/// competition is, how the team answers), measured over <see cref="From"/>–<see cref="To"/>. Kept with each attempt,
/// so an old result shows the figures it was given. A part is null when the workspace has no data for it.
/// </summary>
public sealed record ReadinessEvidence(
    DateTimeOffset From, DateTimeOffset To, AudienceEvidence? Audience, CompetitionEvidence? Competition, ServiceEvidence? Service)
{
    public static ReadinessEvidence None(DateTimeOffset at) => new(at, at, null, null, null);

    /// <summary>The answer the data gives to a question, or null where it has nothing to say.</summary>
    public string? AnswerFor(string questionKey) => questionKey switch
    {
        Dimensions.Audience => Audience?.Answer,
        Dimensions.Competition => Competition?.Answer,
        Dimensions.Service => Service?.Answer,
        _ => null,
    };
}

/// <summary>Mentions by customers (not the brand's own answers, not spam), per month, and the channels they came through.</summary>
public sealed record AudienceEvidence(int Mentions, int MentionsPerMonth, IReadOnlyList<ChannelVoice> Channels)
{
    // About one a day reads as "every day"; one a week as "every week".
    public string Answer => MentionsPerMonth switch
    {
        >= 30 => "daily",
        >= 4 => "weekly",
        >= 1 => "some",
        _ => Mentions > 0 ? "some" : "none",
    };
}

public sealed record ChannelVoice(string Name, string Kind, int Mentions);

/// <summary>Share of voice: mentions matched by the brand's listening queries against the competitors' ones.</summary>
public sealed record CompetitionEvidence(int BrandMentions, IReadOnlyList<CompetitorVoice> Competitors)
{
    public int CompetitorMentions => Competitors.Sum(c => c.Mentions);

    /// <summary>The competitors' part of the conversation about the brand and them, 0–1.</summary>
    public double CompetitorShare => BrandMentions + CompetitorMentions == 0 ? 0 : (double)CompetitorMentions / (BrandMentions + CompetitorMentions);

    public string? Answer => BrandMentions + CompetitorMentions == 0 ? null
        : CompetitorMentions == 0 ? "absent"
        : CompetitorShare < 0.2 ? "quiet"
        : CompetitorShare < 0.5 ? "active"
        : "leading";
}

public sealed record CompetitorVoice(string Name, int Mentions);

/// <summary>The inbox's figures: how many conversations got an answer, and how soon (median minutes).</summary>
public sealed record ServiceEvidence(int Conversations, int Answered, double? MedianFirstResponseMinutes)
{
    public double ResponseRate => Conversations == 0 ? 0 : (double)Answered / Conversations;

    public string? Answer => Conversations == 0 ? null
        : ResponseRate < 0.25 ? "rarely"
        : ResponseRate < 0.6 ? "some"
        : ResponseRate >= 0.9 && MedianFirstResponseMinutes <= 240 ? "owned"
        : MedianFirstResponseMinutes <= 24 * 60 ? "sameday"
        : "some";
}
