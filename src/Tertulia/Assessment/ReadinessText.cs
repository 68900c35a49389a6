using System.Globalization;
using Microsoft.Extensions.Localization;
using Tertulia.Web;

namespace Tertulia.Assessment;

/// <summary>
/// A result in plain words, in the request's language: the same sentences on the page and in the PDF.
/// </summary>
public sealed class ReadinessText(IStringLocalizer<UiText> t, Questionnaire questionnaire)
{
    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public string this[string key] => t[key];

    public string Dimension(string key) => t["Dimension_" + key];

    public string Question(string key) => questionnaire.Find(key)?.Text.For(Culture) ?? key;

    public string Answer(string questionKey, string? optionKey) =>
        optionKey is not null && questionnaire.Find(questionKey)?.Option(optionKey) is { } option ? option.Text.For(Culture) : t["ReadinessNoAnswer"];

    public string Answers(string questionKey, IReadOnlyList<string>? optionKeys) =>
        optionKeys is null || optionKeys.Count == 0 ? t["ReadinessNoAnswer"] : string.Join(", ", optionKeys.Select(k => Answer(questionKey, k)));

    public string Verdict(Recommendation r) => t["Verdict_" + r.Verdict];

    public IEnumerable<string> Reasons(Recommendation r) => r.Reasons.Select(x => t["NotYet_" + x].Value);

    public IEnumerable<string> FirstSteps(Recommendation r) => r.FirstSteps.Select(k => t["Step_" + k].Value);

    public string Channels(Recommendation r) => string.Join(", ", r.Channels.Select(c => Answer(Dimensions.Channels, c)));

    public string Cadence(Recommendation r) => t["Cadence_" + r.Cadence];

    public string WhoAnswers(Recommendation r) => t["Who_" + r.WhoAnswers];

    public IEnumerable<string> MeasureFirst(Recommendation r) => r.MeasureFirst.Select(m => t["Measure_" + m].Value);

    /// <summary>What the data says beside a question, one sentence per figure; empty where there is no data.</summary>
    public IReadOnlyList<string> Evidence(string questionKey, ReadinessEvidence evidence)
    {
        var lines = new List<string>();
        switch (questionKey)
        {
            case Dimensions.Audience when evidence.Audience is { } a:
                lines.Add(string.Format(Culture, t["ReadinessEvidenceMentions"], a.Mentions, a.MentionsPerMonth));
                lines.Add(ChannelsLine(a));
                break;
            case Dimensions.Channels when evidence.Audience is { } a:
                lines.Add(ChannelsLine(a));
                break;
            case Dimensions.Competition when evidence.Competition is { } c && c.Answer is not null:
                lines.Add(string.Format(Culture, t["ReadinessEvidenceShare"], (int)Math.Round(100 * c.CompetitorShare), c.CompetitorMentions, c.CompetitorMentions + c.BrandMentions)
                    + " " + string.Join(", ", c.Competitors.Select(x => $"{x.Name} ({x.Mentions})")) + ".");
                break;
            case Dimensions.Service when evidence.Service is { } s:
                lines.Add(string.Format(Culture, t["ReadinessEvidenceService"], s.Answered, s.Conversations, (int)Math.Round(100 * s.ResponseRate)));
                if (s.MedianFirstResponseMinutes is { } minutes)
                {
                    lines.Add(string.Format(Culture, t["ReadinessEvidenceResponseTime"], Duration(minutes)));
                }
                break;
        }
        return lines;
    }

    private string ChannelsLine(AudienceEvidence a) =>
        string.Format(Culture, t["ReadinessEvidenceChannels"], string.Join(", ", a.Channels.Take(5).Select(c => $"{c.Name} ({c.Mentions})")));

    public string Duration(double minutes) =>
        minutes < 90 ? string.Format(Culture, t["ReadinessMinutes"], (int)Math.Round(minutes))
        : minutes < 48 * 60 ? string.Format(Culture, t["ReadinessHours"], (int)Math.Round(minutes / 60))
        : string.Format(Culture, t["ReadinessDays"], (int)Math.Round(minutes / 1440));
}
