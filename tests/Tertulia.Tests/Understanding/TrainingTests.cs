using Xunit;
using Tertulia.Understanding;

namespace Tertulia.Tests.Understanding;

/// <summary>Needs ../shared/data: skipped without it, failing in CI without it.</summary>
public sealed class TrainingTests
{
    [SharedDataFact]
    public void Retraining_with_the_same_seed_gives_the_same_figures()
    {
        var trainer = new SentimentTrainer(new SentimentCorpus(LabeledData.Require()));
        var first = trainer.Train(new SentimentTrainer.Options());
        var second = trainer.Train(new SentimentTrainer.Options());
        Assert.Equal(
            first.Evaluations.Select(e => (e.Name, e.Model.Accuracy, e.Model.MacroF1)),
            second.Evaluations.Select(e => (e.Name, e.Model.Accuracy, e.Model.MacroF1)));
    }

    [SharedDataFact]
    public void The_shipped_model_beats_the_majority_baseline_by_far_on_spanish_and_english()
    {
        var corpus = new SentimentCorpus(LabeledData.Require());
        var model = SentimentModel.LoadShipped();
        var spanish = SentimentTrainer.Evaluate("intertass", model, corpus.InterTass("val"), corpus.InterTass("train"));
        var english = SentimentTrainer.Evaluate("semeval", model, corpus.SemEval("val"), corpus.SemEval("train"));
        Assert.True(spanish.Model.MacroF1 > spanish.Majority.MacroF1 + 0.3, spanish.ToString());
        Assert.True(english.Model.MacroF1 > english.Majority.MacroF1 + 0.3, english.ToString());
    }

    [SharedDataFact]
    public void Airline_tweets_are_read_with_their_multi_line_texts()
    {
        var corpus = new SentimentCorpus(LabeledData.Require());
        var all = corpus.Airline("train").Count + corpus.Airline("val").Count;
        Assert.Equal(6293, all);
    }
}

/// <summary>The folds model choices are made on: fixed by the seed, and each class spread evenly over them.</summary>
public sealed class CrossValidationFoldTests
{
    [Fact]
    public void Folds_are_the_same_for_the_same_seed_and_stratified_by_class()
    {
        var texts = Enumerable.Range(0, 103).Select(i => new LabeledText($"t{i}", (Sentiment)(i % 7 == 0 ? 0 : i % 2 + 1))).ToList();
        var first = SentimentTrainer.Folds(texts, 5, 42);
        Assert.Equal(first, SentimentTrainer.Folds(texts, 5, 42));
        Assert.NotEqual(first, SentimentTrainer.Folds(texts, 5, 7));
        foreach (var label in Enum.GetValues<Sentiment>())
        {
            var sizes = Enumerable.Range(0, 5).Select(f => texts.Where((t, i) => t.Label == label && first[i] == f).Count()).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"{label}: {string.Join(",", sizes)}");
        }
    }
}
