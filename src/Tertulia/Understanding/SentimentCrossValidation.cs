using System.Collections.Concurrent;
using Microsoft.ML.Data;

namespace Tertulia.Understanding;

/// <summary>The macro-F1 of each held-out fold of one corpus.</summary>
public sealed record FoldScores(string Corpus, IReadOnlyList<double> MacroF1)
{
    public double Mean => MacroF1.Average();

    /// <summary>Sample standard deviation over the folds: how much the figure moves with which tweets are held out.</summary>
    public double Sd => MacroF1.Count < 2 ? 0 : Math.Sqrt(MacroF1.Sum(f => (f - Mean) * (f - Mean)) / (MacroF1.Count - 1));

    public override string ToString() => $"{Mean:F3} ± {Sd:F3}";
}

public sealed partial class SentimentTrainer
{
    public const int DefaultFolds = 5;

    /// <summary>Featurised corpora by feature set: featurising is a third of a fold's time, and it never changes.</summary>
    private readonly ConcurrentDictionary<FeatureSet, (int[] Indices, float[] Values)[][]> _features = new();

    /// <summary>
    /// Stratified k-fold cross-validation over train + validation of every corpus at once (the held-out test splits
    /// are not in ../shared): in fold f, each corpus's fold f is held out and the model trains on the rest of all three,
    /// weighted as <paramref name="options"/> say. Folds are drawn per corpus and class with the options' seed, so
    /// every alternative is scored on the very same folds. This is the figure model choices are made on.
    /// </summary>
    public IReadOnlyList<FoldScores> CrossValidate(Options options, int folds = DefaultFolds)
    {
        var corpora = new (string Name, IReadOnlyList<LabeledText> Texts, float Weight, bool Train)[]
        {
            ("intertass-es", [.. corpus.InterTass("train"), .. corpus.InterTass("val")], 1f, true),
            ("airline-es", [.. corpus.Airline("train"), .. corpus.Airline("val")], options.AirlineWeight, options.UseAirline),
            ("semeval-en", [.. corpus.SemEval("train"), .. corpus.SemEval("val")], options.EnglishWeight, options.UseEnglish),
        };
        var lexicon = SentimentLexicon.Load();
        var features = _features.GetOrAdd(options.Features, set =>
            corpora.Select(c => c.Texts.Select(t => SentimentFeatures.Of(t.Text, lexicon, set)).ToArray()).ToArray());
        var assigned = corpora.Select(c => Folds(c.Texts, folds, options.Seed)).ToArray();

        var scores = corpora.Select(_ => new List<double>()).ToArray();
        for (var fold = 0; fold < folds; fold++)
        {
            var rows = new List<SentimentExample>();
            for (var c = 0; c < corpora.Length; c++)
            {
                if (!corpora[c].Train)
                {
                    continue;
                }
                var training = Enumerable.Range(0, corpora[c].Texts.Count).Where(i => assigned[c][i] != fold).ToList();
                var perClass = training.GroupBy(i => corpora[c].Texts[i].Label).ToDictionary(g => g.Key, g => g.Count());
                foreach (var i in training)
                {
                    var label = corpora[c].Texts[i].Label;
                    var (indices, values) = features[c][i];
                    rows.Add(new SentimentExample
                    {
                        Features = new VBuffer<float>(SentimentFeatures.Dimension, indices.Length, values, indices),
                        Sentiment = Name(label),
                        Weight = ExampleWeight(corpora[c].Weight, training.Count, perClass[label], label, options),
                    });
                }
            }
            var model = FitModel(rows, options, lexicon);
            for (var c = 0; c < corpora.Length; c++)
            {
                var held = Enumerable.Range(0, corpora[c].Texts.Count).Where(i => assigned[c][i] == fold).Select(i => corpora[c].Texts[i]).ToList();
                scores[c].Add(Score(model, held).MacroF1);
            }
        }
        return corpora.Select((c, i) => new FoldScores(c.Name, scores[i])).ToList();
    }

    /// <summary>Each text's fold: shuffled with the seed within each class, then dealt round-robin (stratified).</summary>
    internal static int[] Folds(IReadOnlyList<LabeledText> texts, int folds, int seed)
    {
        var random = new Random(seed);
        var assigned = new int[texts.Count];
        foreach (var group in texts.Select((t, i) => (t.Label, i)).GroupBy(x => x.Label).OrderBy(g => g.Key))
        {
            var members = group.Select(x => x.i).ToArray();
            random.Shuffle(members);
            for (var k = 0; k < members.Length; k++)
            {
                assigned[members[k]] = k % folds;
            }
        }
        return assigned;
    }

    /// <summary>Each class of a corpus weighs the same in total, and each corpus as much as its weight says.</summary>
    private static float ExampleWeight(float corpusWeight, int corpusCount, int classCount, Sentiment label, Options options) =>
        corpusWeight * corpusCount / (3f * classCount) * (label == Sentiment.Neutral ? options.NeutralWeight : 1f);
}
