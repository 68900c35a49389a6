namespace Tertulia.Assessment;

/// <summary>One question's score: the person's answer, the data's answer where there is data, and the points counted.</summary>
public sealed record DimensionScore(string Key, string? Answer, string? EvidenceAnswer, int Points, int MaxPoints)
{
    public int Percent => MaxPoints == 0 ? 0 : (int)Math.Round(100.0 * Points / MaxPoints);

    /// <summary>The workspace's own data answered it: its answer counts, not the guess.</summary>
    public bool FromEvidence => EvidenceAnswer is not null;

    public bool EvidenceDisagrees => Answer is not null && EvidenceAnswer is not null && Answer != EvidenceAnswer;
}

public enum Verdict
{
    BePresent,
    NotYet,
}

/// <summary>Why not yet: each comes with what to do about it.</summary>
public enum NotYetReason
{
    /// <summary>Nobody knows what being there is for.</summary>
    NoGoal,
    /// <summary>Customers and competitors hardly talk online.</summary>
    LittleConversation,
    /// <summary>Reasons to be there, but nobody and nothing to keep it up.</summary>
    NotReady,
}

public enum Cadence
{
    /// <summary>One post a week, the inbox looked at every morning.</summary>
    Weekly,
    /// <summary>Two or three posts a week, the inbox morning and afternoon.</summary>
    FewTimesAWeek,
    /// <summary>A post a day, answers within the hour while open.</summary>
    Daily,
}

public enum WhoAnswers
{
    /// <summary>The owner, until there is a written way of answering; then a named person and a backup.</summary>
    Owner,
    /// <summary>Whoever already looks after customers, now online too.</summary>
    ServiceTeam,
    /// <summary>The person (or agency) with daily time, with the owner for complaints.</summary>
    DedicatedPerson,
}

public enum Measure
{
    MentionsPerMonth,
    ShareOfVoice,
    ResponseRate,
    ResponseTime,
    Sentiment,
}

/// <summary>
/// Be present or not yet, and how: channels (keys of the channels question), cadence, who answers, what to measure
/// first, and the first steps (the weakest dimensions) to work on.
/// </summary>
public sealed record Recommendation(
    Verdict Verdict, IReadOnlyList<NotYetReason> Reasons, IReadOnlyList<string> FirstSteps, IReadOnlyList<string> Channels,
    Cadence Cadence, WhoAnswers WhoAnswers, IReadOnlyList<Measure> MeasureFirst);

public sealed record ReadinessResult(IReadOnlyList<DimensionScore> Dimensions, int ReasonsPercent, int ReadinessPercent, Recommendation Recommendation)
{
    public DimensionScore? Dimension(string key) => Dimensions.FirstOrDefault(d => d.Key == key);
}
