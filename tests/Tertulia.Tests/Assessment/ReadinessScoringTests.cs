using Tertulia.Assessment;

namespace Tertulia.Tests.Assessment;

/// <summary>Hand-built answer sets with the exact scores and recommendation a business gets for them.</summary>
public sealed class ReadinessScoringTests
{
    private static readonly Questionnaire Questions = Questionnaire.Load();
    private static readonly ReadinessScoring Scoring = new(Questions);
    private static readonly ReadinessEvidence NoData = ReadinessEvidence.None(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static Dictionary<string, IReadOnlyList<string>> Answers(params (string Question, string[] Options)[] answers) =>
        answers.ToDictionary(a => a.Question, a => (IReadOnlyList<string>)a.Options);

    private static Dictionary<string, int> Percents(ReadinessResult r) => r.Dimensions.ToDictionary(d => d.Key, d => d.Percent);

    /// <summary>A bakery whose customers talk every day, that answers the same day and has a few hours a week.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadyBakery() => Answers(
        ("audience", ["daily"]), ("competition", ["active"]), ("service", ["sameday"]), ("protocol", ["written"]),
        ("resources", ["hours"]), ("support", ["backing"]), ("goals", ["service"]), ("channels", ["instagram", "google"]));

    [Fact]
    public void The_questionnaire_has_the_seven_questions_in_spanish_and_english_with_a_few_answers_each()
    {
        Assert.Equal(["audience", "competition", "service", "protocol", "resources", "support", "goals"], Questions.Scored.Select(q => q.Key));
        foreach (var q in Questions.Questions)
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Text.Es));
            Assert.False(string.IsNullOrWhiteSpace(q.Text.En));
            Assert.NotEqual(q.Text.Es, q.Text.En);
            Assert.InRange(q.Options.Count, 3, 10);
            Assert.All(q.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Text.Es) || string.IsNullOrWhiteSpace(o.Text.En)));
            Assert.Equal(q.Options.Count, q.Options.Select(o => o.Key).Distinct().Count());
        }
    }

    [Fact]
    public void A_business_with_customers_online_and_a_team_that_answers_the_same_day_is_told_to_be_present_on_two_channels()
    {
        var result = Scoring.Score(ReadyBakery(), NoData);

        Assert.Equal(new Dictionary<string, int>
        {
            ["audience"] = 100, ["competition"] = 67, ["service"] = 67, ["protocol"] = 67, ["resources"] = 67, ["support"] = 67, ["goals"] = 100,
        }, Percents(result));
        Assert.Equal(83, result.ReasonsPercent);
        Assert.Equal(67, result.ReadinessPercent);
        var r = result.Recommendation;
        Assert.Equal(Verdict.BePresent, r.Verdict);
        Assert.Empty(r.Reasons);
        Assert.Empty(r.FirstSteps);
        Assert.Equal(["google", "instagram"], r.Channels);
        Assert.Equal(Cadence.FewTimesAWeek, r.Cadence);
        Assert.Equal(WhoAnswers.ServiceTeam, r.WhoAnswers);
        Assert.Equal([Measure.ResponseRate, Measure.ResponseTime], r.MeasureFirst);
        Assert.All(result.Dimensions, d => Assert.False(d.FromEvidence));
    }

    [Fact]
    public void Reasons_to_be_there_without_time_protocol_or_backing_is_not_yet_with_the_weakest_first()
    {
        var result = Scoring.Score(Answers(
            ("audience", ["weekly"]), ("competition", ["leading"]), ("service", ["rarely"]), ("protocol", ["none"]),
            ("resources", ["hour"]), ("support", ["tolerate"]), ("goals", ["reputation"]), ("channels", ["facebook", "x"])), NoData);

        Assert.Equal(83, result.ReasonsPercent);
        Assert.Equal(17, result.ReadinessPercent);
        var r = result.Recommendation;
        Assert.Equal(Verdict.NotYet, r.Verdict);
        Assert.Equal([NotYetReason.NotReady], r.Reasons);
        Assert.Equal(["service", "protocol", "resources", "support"], r.FirstSteps);
        Assert.Equal(["facebook"], r.Channels);
        Assert.Equal(Cadence.Weekly, r.Cadence);
        Assert.Equal(WhoAnswers.Owner, r.WhoAnswers);
        Assert.Equal([Measure.Sentiment, Measure.ShareOfVoice], r.MeasureFirst);
    }

    [Fact]
    public void Without_a_goal_and_with_nobody_talking_even_a_well_staffed_business_is_told_not_yet_and_to_listen_first()
    {
        var result = Scoring.Score(Answers(
            ("audience", ["none"]), ("competition", ["absent"]), ("service", ["owned"]), ("protocol", ["online"]),
            ("resources", ["daily"]), ("support", ["involved"]), ("goals", ["unclear"])), NoData);

        Assert.Equal(0, result.ReasonsPercent);
        Assert.Equal(100, result.ReadinessPercent);
        var r = result.Recommendation;
        Assert.Equal(Verdict.NotYet, r.Verdict);
        Assert.Equal([NotYetReason.NoGoal, NotYetReason.LittleConversation], r.Reasons);
        Assert.Equal(["goals"], r.FirstSteps);
        Assert.Equal(["google"], r.Channels);
        Assert.Equal(Cadence.Daily, r.Cadence);
        Assert.Equal(WhoAnswers.DedicatedPerson, r.WhoAnswers);
        Assert.Equal([Measure.MentionsPerMonth], r.MeasureFirst);
    }

    [Fact]
    public void Where_the_workspace_listens_its_figures_count_instead_of_the_guess_and_its_channels_come_first()
    {
        var evidence = NoData with
        {
            Audience = new AudienceEvidence(12, 4, [new ChannelVoice("Mastodon del barrio", "Mastodon", 8), new ChannelVoice("Blog", "Feed", 4)]),
            Competition = new CompetitionEvidence(30, [new CompetitorVoice("Almendra y Miel", 10)]),
            Service = new ServiceEvidence(10, 2, 300),
        };
        var result = Scoring.Score(ReadyBakery(), evidence);

        var audience = result.Dimension("audience")!;
        Assert.Equal(("daily", "weekly", 67, true), (audience.Answer, audience.EvidenceAnswer, audience.Percent, audience.EvidenceDisagrees));
        var competition = result.Dimension("competition")!;
        Assert.Equal(("active", "active", 67, false), (competition.Answer, competition.EvidenceAnswer, competition.Percent, competition.EvidenceDisagrees));
        var service = result.Dimension("service")!;
        Assert.Equal(("sameday", "rarely", 0), (service.Answer, service.EvidenceAnswer, service.Percent));
        Assert.Equal(67, result.ReasonsPercent);
        Assert.Equal(50, result.ReadinessPercent);
        var r = result.Recommendation;
        Assert.Equal(Verdict.BePresent, r.Verdict);
        Assert.Equal(["service"], r.FirstSteps);
        Assert.Equal(["mastodon", "blogs"], r.Channels);
        Assert.Equal(WhoAnswers.Owner, r.WhoAnswers);
    }

    [Theory]
    [InlineData(0, 0, "none")]
    [InlineData(1, 1, "some")]
    [InlineData(3, 0, "some")]
    [InlineData(10, 4, "weekly")]
    [InlineData(90, 30, "daily")]
    public void Mentions_per_month_read_as_an_answer_to_whether_customers_talk(int mentions, int perMonth, string expected) =>
        Assert.Equal(expected, new AudienceEvidence(mentions, perMonth, []).Answer);

    [Theory]
    [InlineData(10, 0, "absent")]
    [InlineData(90, 10, "quiet")]
    [InlineData(60, 40, "active")]
    [InlineData(40, 60, "leading")]
    [InlineData(0, 0, null)]
    public void Share_of_voice_reads_as_an_answer_to_how_present_competitors_are(int brand, int competitor, string? expected) =>
        Assert.Equal(expected, new CompetitionEvidence(brand, [new CompetitorVoice("Otra", competitor)]).Answer);

    [Theory]
    [InlineData(10, 1, 30.0, "rarely")]
    [InlineData(10, 5, 30.0, "some")]
    [InlineData(10, 8, 600.0, "sameday")]
    [InlineData(10, 8, 3000.0, "some")]
    [InlineData(10, 10, 45.0, "owned")]
    [InlineData(0, 0, null, null)]
    public void Response_rate_and_time_read_as_an_answer_to_how_customers_are_looked_after(int conversations, int answered, double? median, string? expected) =>
        Assert.Equal(expected, new ServiceEvidence(conversations, answered, median).Answer);

    [Fact]
    public void Bad_answers_get_a_clear_reason_and_a_question_the_data_answers_may_be_left_blank()
    {
        var answers = ReadyBakery();
        Assert.Null(ReadinessAnswers.Problem(Questions, answers, NoData));
        Assert.Contains("'mood' is not a question", ReadinessAnswers.Problem(Questions, new Dictionary<string, IReadOnlyList<string>>(answers) { ["mood"] = ["happy"] }, NoData));
        Assert.Contains("'often' is not an answer to 'audience'", ReadinessAnswers.Problem(Questions, new Dictionary<string, IReadOnlyList<string>>(answers) { ["audience"] = ["often"] }, NoData));
        Assert.Contains("takes one answer", ReadinessAnswers.Problem(Questions, new Dictionary<string, IReadOnlyList<string>>(answers) { ["goals"] = ["service", "community"] }, NoData));

        var withoutAudience = new Dictionary<string, IReadOnlyList<string>>(answers);
        withoutAudience.Remove("audience");
        Assert.Equal("Answer these questions: audience.", ReadinessAnswers.Problem(Questions, withoutAudience, NoData));
        var listening = NoData with { Audience = new AudienceEvidence(40, 40, [new ChannelVoice("Blog", "Feed", 40)]) };
        Assert.Null(ReadinessAnswers.Problem(Questions, withoutAudience, listening));
        Assert.Equal(100, Scoring.Score(withoutAudience, listening).Dimension("audience")!.Percent);
    }

    [Fact]
    public void Answers_and_evidence_read_back_from_storage_give_the_same_result()
    {
        var evidence = NoData with { Audience = new AudienceEvidence(12, 4, [new ChannelVoice("Blog", "Feed", 12)]), Service = new ServiceEvidence(4, 3, 90) };
        var answers = ReadyBakery();
        var back = Scoring.Score(ReadinessAnswers.FromJson(ReadinessAnswers.ToJson(answers)), ReadinessAnswers.EvidenceFromJson(ReadinessAnswers.EvidenceToJson(evidence)));
        var direct = Scoring.Score(answers, evidence);
        Assert.Equal(direct.Dimensions, back.Dimensions);
        Assert.Equal(direct.Recommendation.Channels, back.Recommendation.Channels);
        Assert.Equal(direct.Recommendation with { Channels = [] , Reasons = [], FirstSteps = [], MeasureFirst = [] },
            back.Recommendation with { Channels = [], Reasons = [], FirstSteps = [], MeasureFirst = [] });
    }
}
