namespace Tertulia.Assessment;

/// <summary>
/// Turns answers (and the workspace's evidence) into a score per dimension and a recommendation. Pure and
/// deterministic: the same answers and evidence always give the same result, so an old attempt reads as it did.
/// </summary>
public sealed class ReadinessScoring(Questionnaire questionnaire)
{
    public ReadinessResult Score(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, ReadinessEvidence evidence)
    {
        var dimensions = questionnaire.Scored.Select(q =>
        {
            var answer = answers.TryGetValue(q.Key, out var picked) ? picked.FirstOrDefault() : null;
            var fromData = evidence.AnswerFor(q.Key);
            // The data beats a guess: where the workspace listens, its figures answer the question.
            var counted = fromData ?? answer;
            var points = counted is null ? 0 : q.Option(counted)?.Points ?? 0;
            return new DimensionScore(q.Key, answer, fromData, points, q.MaxPoints);
        }).ToList();
        int P(string key) => dimensions.FirstOrDefault(d => d.Key == key)?.Points ?? 0;
        int Max(IEnumerable<string> keys) => keys.Sum(k => dimensions.FirstOrDefault(d => d.Key == k)?.MaxPoints ?? 0);

        var reasons = Dimensions.Reasons.Sum(P);
        var readiness = Dimensions.Readiness.Sum(P);
        var notYet = new List<NotYetReason>();
        if (P(Dimensions.Goals) == 0)
        {
            notYet.Add(NotYetReason.NoGoal);
        }
        // On average less than "a few now and then": there is little to join yet.
        if (reasons * 2 < Max(Dimensions.Reasons))
        {
            notYet.Add(NotYetReason.LittleConversation);
        }
        // On average below halfway between "some" and "same day": a presence would soon be abandoned.
        if (readiness * 2 < Max(Dimensions.Readiness))
        {
            notYet.Add(NotYetReason.NotReady);
        }

        var firstSteps = Dimensions.Readiness.Append(Dimensions.Goals)
            .Select(k => dimensions.First(d => d.Key == k))
            .Where(d => d.Points <= 1 && !(d.Key == Dimensions.Goals && d.Points > 0))
            .OrderBy(d => d.Points)
            .Select(d => d.Key)
            .ToList();

        var goal = answers.TryGetValue(Dimensions.Goals, out var g) && g.FirstOrDefault() is { } goalKey
            ? questionnaire.Find(Dimensions.Goals)?.Option(goalKey)?.Goal : null;
        var recommendation = new Recommendation(
            notYet.Count == 0 ? Verdict.BePresent : Verdict.NotYet,
            notYet,
            firstSteps,
            Channels(answers, evidence, P(Dimensions.Resources)),
            P(Dimensions.Resources) switch { <= 1 => Cadence.Weekly, 2 => Cadence.FewTimesAWeek, _ => Cadence.Daily },
            P(Dimensions.Resources) >= 3 ? WhoAnswers.DedicatedPerson : P(Dimensions.Service) >= 2 ? WhoAnswers.ServiceTeam : WhoAnswers.Owner,
            MeasureFirst(goal));
        var percent = (int reached, int max) => max == 0 ? 0 : (int)Math.Round(100.0 * reached / max);
        return new ReadinessResult(dimensions, percent(reasons, Max(Dimensions.Reasons)), percent(readiness, Max(Dimensions.Readiness)), recommendation);
    }

    /// <summary>
    /// Where customers really talk (the evidence, busiest first), then where the person thinks they do; as many as
    /// the time allows: one with an hour or two a week, three with someone every day.
    /// </summary>
    private List<string> Channels(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, ReadinessEvidence evidence, int resources)
    {
        var known = questionnaire.Find(Dimensions.Channels)?.Options.Select(o => o.Key).ToList() ?? [];
        var fromData = (evidence.Audience?.Channels ?? [])
            .OrderByDescending(c => c.Mentions)
            .Select(c => ChannelKey(c.Kind))
            .OfType<string>();
        var picked = answers.TryGetValue(Dimensions.Channels, out var p) ? p.OrderBy(known.IndexOf) : Enumerable.Empty<string>();
        var all = fromData.Concat(picked).Where(known.Contains).Distinct().ToList();
        if (all.Count == 0)
        {
            // A local business is looked up on the map before anywhere else: its reviews are the first place to answer.
            all.Add("google");
        }
        return all.Take(Math.Clamp(resources, 1, 3)).ToList();
    }

    /// <summary>The channels question's key for a Tertulia channel kind (imports and webhooks say nothing of the network).</summary>
    public static string? ChannelKey(string kind) => kind switch
    {
        "Mastodon" => "mastodon",
        "Bluesky" => "bluesky",
        "Feed" => "blogs",
        "Email" => "email",
        _ => null,
    };

    private static List<Measure> MeasureFirst(string? goal) => goal switch
    {
        "awareness" => [Measure.MentionsPerMonth, Measure.ShareOfVoice],
        "service" => [Measure.ResponseRate, Measure.ResponseTime],
        "reputation" => [Measure.Sentiment, Measure.ShareOfVoice],
        "community" => [Measure.MentionsPerMonth, Measure.ResponseRate],
        // No goal yet: first learn how much is said, and where.
        _ => [Measure.MentionsPerMonth],
    };
}
