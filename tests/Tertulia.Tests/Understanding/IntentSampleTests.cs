using Tertulia.Understanding;
using Xunit;

namespace Tertulia.Tests.Understanding;

/// <summary>The intent rules against people's labels (figures and method in docs/understanding.md).</summary>
public sealed class IntentSampleTests
{
    private static readonly Lazy<Understander> Understander = new(Tertulia.Understanding.Understander.LoadShipped);
    private static string Labels => Path.Combine(AppContext.BaseDirectory, "testdata", "intent");

    [SharedDataFact]
    public void Hand_labeled_airline_tweets_mostly_get_the_intent_a_person_gave_them()
    {
        var sample = IntentSample.Airline(Path.Combine(Labels, "airline-val-sample.tsv"), new SentimentCorpus(LabeledData.Require()));
        Assert.Equal(120, sample.Count);
        var score = Score(sample);
        // A floor against regressions, below the measured 0.58: the rules are simple, the tweets are not.
        Assert.True(score.Accuracy >= 0.5, score.ToString());
    }

    [SharedDataFact]
    public void Hand_labeled_seed_comments_are_read_from_their_lines()
    {
        var seeds = Path.Combine(Path.GetDirectoryName(LabeledData.Require())!, "seeds");
        var sample = IntentSample.Seeds(Path.Combine(Labels, "seed-comments.tsv"), seeds);
        Assert.Equal(37, sample.Count);
        Assert.All(sample, s => Assert.False(string.IsNullOrWhiteSpace(s.Text), s.Source));
        // Blog comments are mostly opinions ("other"); the learned intent model, chosen on customer messages, reads more of
        // them as praise than the rules did (0.405 against the rules' ≥ 0.45): the floor guards against a collapse.
        Assert.True(Score(sample).Accuracy >= 0.38, Score(sample).ToString());
    }

    private static IntentScore Score(IReadOnlyList<LabeledIntent> sample) =>
        IntentScore.Of(sample.Select(s => s.Label).ToList(), sample.Select(s => Understander.Value.Understand(s.Text).Intent).ToList());
}
