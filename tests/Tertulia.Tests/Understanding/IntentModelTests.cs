using Tertulia.Understanding;
using Xunit;

namespace Tertulia.Tests.Understanding;

/// <summary>
/// The learned intent model against the labelled customer messages (testdata/intent/customer-messages.tsv, written by
/// the team; figures and method in docs/understanding.md). The held-out third is only read here and by the bench.
/// </summary>
public sealed class IntentModelTests
{
    private static readonly Lazy<SentimentModel> Sentiment = new(SentimentModel.LoadShipped);
    private static string File => Path.Combine(AppContext.BaseDirectory, "testdata", "intent", "customer-messages.tsv");

    [Fact]
    public void The_labelled_messages_are_over_500_in_spanish_and_english_with_every_intent_held_out_too()
    {
        var messages = IntentSample.Messages(File);
        Assert.True(messages.Count >= 500, $"{messages.Count} messages");
        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
        Assert.True(messages.Count(m => m.Language == "en") >= 150);
        Assert.True(messages.Count(m => m.Language == "es") >= 300);
        foreach (var intent in Enum.GetValues<Intent>())
        {
            Assert.True(messages.Count(m => m.Label == intent && m.HeldOut) >= 25, $"{intent} held out");
            Assert.True(messages.Count(m => m.Label == intent && !m.HeldOut) >= 50, $"{intent} for training");
        }
    }

    [Fact]
    public void Held_out_complaints_and_suggestions_are_found_with_F1_of_at_least_0_75()
    {
        var heldOut = IntentSample.Messages(File).Where(m => m.HeldOut).ToList();
        var predicted = heldOut.Select(m => IntentClassifier.Classify(m.Text, IntentClassifier.Fold(m.Text), Sentiment.Value.Read(m.Text))).ToList();
        var score = IntentScore.Of(heldOut.Select(m => m.Label).ToList(), predicted);
        Assert.True(score.PerClass[Intent.Complaint].F1 >= 0.75, score.ToString());
        Assert.True(score.PerClass[Intent.Suggestion].F1 >= 0.75, score.ToString());
    }

    [Fact]
    public void The_shipped_build_carries_an_intent_model_and_it_beats_the_rules_on_held_out_messages()
    {
        Assert.NotNull(IntentModel.LoadShipped());
        var heldOut = IntentSample.Messages(File).Where(m => m.HeldOut).ToList();
        var truth = heldOut.Select(m => m.Label).ToList();
        var readings = heldOut.Select(m => (m.Text, Folded: IntentClassifier.Fold(m.Text), Reading: Sentiment.Value.Read(m.Text))).ToList();
        var rules = IntentScore.Of(truth, readings.Select(r => IntentClassifier.ClassifyByRules(r.Text, r.Folded, r.Reading)).ToList());
        var shipped = IntentScore.Of(truth, readings.Select(r => IntentClassifier.Classify(r.Text, r.Folded, r.Reading)).ToList());
        Assert.True(shipped.MacroF1 > rules.MacroF1, $"shipped {shipped}; rules {rules}");
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_weights()
    {
        var training = IntentSample.Messages(File).Where(m => !m.HeldOut).GroupBy(m => m.Label).SelectMany(g => g.Take(20)).ToList();
        var trainer = new IntentTrainer(Sentiment.Value);
        var first = IntentModel.Load(new MemoryStream(trainer.Train(training, IntentTrainer.Shipped)));
        var second = IntentModel.Load(new MemoryStream(trainer.Train(training, IntentTrainer.Shipped)));
        var probes = training.Select(m => m.Text).Append("Deberíais abrir los domingos").Append("Still waiting for my refund");
        foreach (var text in probes)
        {
            var reading = Sentiment.Value.Read(text);
            Assert.Equal(first.Read(text, IntentClassifier.Fold(text), reading), second.Read(text, IntentClassifier.Fold(text), reading));
        }
    }

    [Fact]
    public void A_bad_label_or_split_in_the_messages_file_is_a_clear_error()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"intent-{Guid.NewGuid():N}.tsv");
        System.IO.File.WriteAllText(bad, "x1\ttrain\tes\tcomplaint\tNo funciona\nx2\tmaybe\tes\tother\tHola\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => IntentSample.Messages(bad));
            Assert.Contains("x2", error.Message);
        }
        finally
        {
            System.IO.File.Delete(bad);
        }
    }
}
