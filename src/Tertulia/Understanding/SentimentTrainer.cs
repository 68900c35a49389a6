using Microsoft.ML;
using Microsoft.ML.Transforms;
using Microsoft.ML.Trainers;

namespace Tertulia.Understanding;

/// <summary>
/// Trains the sentiment model from ../shared/data: InterTASS (es), the airline tweets (es) and SemEval (en) training
/// splits, with fixed seeds so the same data always gives the same model and the same figures.
/// A linear maximum-entropy model (L-BFGS) over hashed word 1–2-grams, character 2–4-grams and the lexicon/emoji
/// signals of <see cref="SentimentFeatures"/>.
/// </summary>
public sealed class SentimentTrainer(SentimentCorpus corpus)
{
    public const int DefaultSeed = 42;

    public sealed record Options
    {
        public int Seed { get; init; } = DefaultSeed;
        public bool UseAirline { get; init; } = true;
        public bool UseEnglish { get; init; } = true;
        public float L2 { get; init; } = 0.3f;
        public int MaxIterations { get; init; } = 600;
        public float L1 { get; init; } = 0f;
        /// <summary>How much the airline tweets count beside InterTASS: they are many, skewed and of one domain.</summary>
        public float AirlineWeight { get; init; } = 0.25f;
        public float EnglishWeight { get; init; } = 1f;
    }

    public sealed record Evaluation(string Name, SentimentScore Model, SentimentScore Majority);

    public sealed record Result(byte[] Model, IReadOnlyList<Evaluation> Evaluations, int TrainCount);

    public Result Train(Options options)
    {
        var lexicon = SentimentLexicon.Load();
        var train = new List<LabeledText>();
        var rows = new List<SentimentExample>();
        void Add(IReadOnlyList<LabeledText> texts, float weight)
        {
            train.AddRange(texts);
            rows.AddRange(Weighted(texts, weight, lexicon));
        }

        Add(corpus.InterTass("train"), 1f);
        if (options.UseAirline)
        {
            Add(corpus.Airline("train"), options.AirlineWeight);
        }
        if (options.UseEnglish)
        {
            Add(corpus.SemEval("train"), options.EnglishWeight);
        }

        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SentimentExample.Sentiment), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                FeatureColumnName = nameof(SentimentExample.Features),
                ExampleWeightColumnName = nameof(SentimentExample.Weight),
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                NumberOfThreads = 1, // One thread: the same seed and data then give the very same weights.
                MaximumNumberOfIterations = options.MaxIterations,
            }));
        var model = pipeline.Fit(data);

        using var bytes = new MemoryStream();
        ml.Model.Save(model, data.Schema, bytes);
        var shipped = SentimentModel.Load(new MemoryStream(bytes.ToArray()));
        var evaluations = new List<Evaluation>
        {
            Evaluate("intertass-es val", shipped, corpus.InterTass("val"), corpus.InterTass("train")),
            Evaluate("airline-es val (every 10th row)", shipped, corpus.Airline("val"), corpus.Airline("train")),
            Evaluate("semeval-en val", shipped, corpus.SemEval("val"), corpus.SemEval("train")),
        };
        return new Result(bytes.ToArray(), evaluations, train.Count);
    }

    /// <summary>Each class of a corpus weighs the same in total, and each corpus as much as its weight says.</summary>
    private static IEnumerable<SentimentExample> Weighted(IReadOnlyList<LabeledText> texts, float corpusWeight, SentimentLexicon lexicon)
    {
        var perClass = texts.GroupBy(t => t.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var text in texts)
        {
            var features = SentimentExample.Of(text.Text, Name(text.Label), lexicon);
            features.Weight = corpusWeight * texts.Count / (3f * perClass[text.Label]);
            yield return features;
        }
    }

    public static Evaluation Evaluate(string name, SentimentModel model, IReadOnlyList<LabeledText> test, IReadOnlyList<LabeledText> train) =>
        new(name, Score(model, test), SentimentScore.Majority(train, test));

    public static SentimentScore Score(SentimentModel model, IReadOnlyList<LabeledText> test) =>
        SentimentScore.Of(test.Select(t => t.Label).ToList(), test.Select(t => model.Read(t.Text).Label).ToList());

    public static string Name(Sentiment label) => label.ToString().ToLowerInvariant();
}
