using Microsoft.ML;
using Microsoft.ML.Transforms;
using Microsoft.ML.Trainers;

namespace Tertulia.Understanding;

/// <summary>
/// Trains the sentiment model from ../shared/data: InterTASS (es), the airline tweets (es) and SemEval (en) training
/// splits, with fixed seeds so the same data always gives the same model and the same figures.
/// A linear maximum-entropy model (L-BFGS) over the hashed n-grams and the lexicon/emoji signals of
/// <see cref="SentimentFeatures"/>; then class offsets tuned for macro-F1 on a cross-validation of InterTASS train
/// (never on a validation split).
/// </summary>
public sealed partial class SentimentTrainer(SentimentCorpus corpus)
{
    public const int DefaultSeed = 42;

    public enum Algorithm
    {
        Lbfgs,
        Sdca,
    }

    public sealed record Options
    {
        public int Seed { get; init; } = DefaultSeed;
        public FeatureSet Features { get; init; } = FeatureSet.Shipped;
        public Algorithm Trainer { get; init; } = Algorithm.Lbfgs;
        public bool UseAirline { get; init; } = true;
        public bool UseEnglish { get; init; } = true;
        public float L2 { get; init; } = 0.3f;
        public int MaxIterations { get; init; } = 600;
        public float L1 { get; init; } = 0f;
        /// <summary>How much the airline tweets count beside InterTASS: they are many, skewed and of one domain.</summary>
        public float AirlineWeight { get; init; } = 0.1f;
        public float EnglishWeight { get; init; } = 1f;
        /// <summary>Extra weight of the neutral class (the hardest one; macro-F1 counts it as much as the others).</summary>
        public float NeutralWeight { get; init; } = 1f;
        /// <summary>Folds of InterTASS train for tuning the class offsets; 0 leaves them at zero.</summary>
        public int OffsetFolds { get; init; }
        /// <summary>
        /// Train on the validation splits too (what ships, once the choices are made by cross-validation): then there
        /// is no validation figure, only the cross-validated ones of <see cref="CrossValidate"/>.
        /// </summary>
        public bool IncludeValidation { get; init; }
        /// <summary>
        /// A second model trained on the same rows, whose probabilities are averaged with the first's (an ensemble);
        /// null trains one model. It is trained with these options and <see cref="SecondL2"/>, <see cref="SecondIterations"/>.
        /// </summary>
        public Algorithm? Second { get; init; }
        public float SecondL2 { get; init; } = 1e-4f;
        public int SecondIterations { get; init; } = 30;
    }

    /// <summary>What `tertulia train` ships: the options that won the cross-validation in docs/understanding.md, trained on train + val.</summary>
    public static readonly Options Shipped = new() { IncludeValidation = true };

    public sealed record Evaluation(string Name, SentimentScore Model, SentimentScore Majority);

    /// <param name="CrossValidation">Macro-F1 of the held-out folds of InterTASS train, before and after the offsets.</param>
    public sealed record Result(byte[] Model, IReadOnlyList<Evaluation> Evaluations, int TrainCount, (double Raw, double Tuned)? CrossValidation, float[] Offsets);

    public Result Train(Options options)
    {
        var lexicon = SentimentLexicon.Load();
        var interTass = Split(corpus.InterTass, options);
        var spanish = Weighted(interTass, 1f, lexicon, options).ToList();
        var others = new List<SentimentExample>();
        var count = interTass.Count;
        if (options.UseAirline)
        {
            var airline = Split(corpus.Airline, options);
            others.AddRange(Weighted(airline, options.AirlineWeight, lexicon, options));
            count += airline.Count;
        }
        if (options.UseEnglish)
        {
            var english = Split(corpus.SemEval, options);
            others.AddRange(Weighted(english, options.EnglishWeight, lexicon, options));
            count += english.Count;
        }

        var offsets = new float[3];
        (double, double)? crossValidation = null;
        if (options.OffsetFolds > 1)
        {
            // Out-of-fold probabilities of every InterTASS training tweet, from models that did not see it.
            var outOfFold = new float[interTass.Count][];
            for (var fold = 0; fold < options.OffsetFolds; fold++)
            {
                var rows = spanish.Where((_, i) => i % options.OffsetFolds != fold).Concat(others);
                var model = FitModel(rows.ToList(), options, lexicon);
                for (var i = fold; i < interTass.Count; i += options.OffsetFolds)
                {
                    var reading = model.Read(interTass[i].Text);
                    outOfFold[i] = [reading.Negative, reading.Neutral, reading.Positive];
                }
            }
            var truth = interTass.Select(t => t.Label).ToList();
            offsets = TuneOffsets(outOfFold, truth, out var raw, out var tuned);
            crossValidation = (raw, tuned);
        }

        var all = spanish.Concat(others).ToList();
        var bytes = SentimentModel.WithExtras(Fit(all, options), options.Features, offsets, options.Second is { } second ? Fit(all, SecondOptions(options, second)) : null);
        var shipped = SentimentModel.Load(new MemoryStream(bytes));
        // A model that saw the validation splits has no validation figure: its figures are the cross-validated ones.
        var evaluations = options.IncludeValidation ? [] : new List<Evaluation>
        {
            Evaluate("intertass-es val", shipped, corpus.InterTass("val"), interTass),
            Evaluate("airline-es val (every 10th row)", shipped, corpus.Airline("val"), corpus.Airline("train")),
            Evaluate("semeval-en val", shipped, corpus.SemEval("val"), corpus.SemEval("train")),
        };
        return new Result(bytes, evaluations, count, crossValidation, offsets);
    }

    /// <summary>The training split, with the validation split after it when the options say so.</summary>
    private static List<LabeledText> Split(Func<string, IReadOnlyList<LabeledText>> read, Options options) =>
        options.IncludeValidation ? [.. read("train"), .. read("val")] : [.. read("train")];

    /// <summary>The options of an ensemble's second model.</summary>
    private static Options SecondOptions(Options options, Algorithm second) =>
        options with { Trainer = second, L2 = options.SecondL2, MaxIterations = options.SecondIterations, Second = null };

    /// <summary>Fits the classifier (both models of an ensemble) and reads its weights out, with no class offsets.</summary>
    internal static SentimentModel FitModel(IReadOnlyList<SentimentExample> rows, Options options, SentimentLexicon lexicon)
    {
        (float[][], float[])[] members = options.Second is { } second
            ? [SentimentModel.ReadWeights(new MemoryStream(Fit(rows, options))), SentimentModel.ReadWeights(new MemoryStream(Fit(rows, SecondOptions(options, second))))]
            : [SentimentModel.ReadWeights(new MemoryStream(Fit(rows, options)))];
        return new SentimentModel(lexicon, members, options.Features, new float[3]);
    }

    /// <summary>Fits the classifier and returns the ML.NET model file.</summary>
    internal static byte[] Fit(IEnumerable<SentimentExample> rows, Options options)
    {
        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SentimentExample.Sentiment), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .AppendCacheCheckpoint(ml);
        ITransformer model = options.Trainer switch
        {
            Algorithm.Sdca => toKey.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                FeatureColumnName = nameof(SentimentExample.Features),
                ExampleWeightColumnName = nameof(SentimentExample.Weight),
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = options.MaxIterations,
            })).Fit(data),
            _ => toKey.Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                FeatureColumnName = nameof(SentimentExample.Features),
                ExampleWeightColumnName = nameof(SentimentExample.Weight),
                L2Regularization = options.L2,
                L1Regularization = options.L1,
                NumberOfThreads = 1, // One thread: the same seed and data then give the very same weights.
                MaximumNumberOfIterations = options.MaxIterations,
            })).Fit(data),
        };
        using var bytes = new MemoryStream();
        ml.Model.Save(model, data.Schema, bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// The neutral and positive offsets (negative stays 0) that give the best macro-F1 on out-of-fold probabilities,
    /// on a grid of 0.05 in [-1, 1]; ties go to the smallest change.
    /// </summary>
    internal static float[] TuneOffsets(IReadOnlyList<float[]> probabilities, IReadOnlyList<Sentiment> truth, out double raw, out double tuned)
    {
        var logs = probabilities.Select(p => p.Select(v => Math.Log(Math.Max(v, 1e-9))).ToArray()).ToList();
        double Score(double neutral, double positive)
        {
            var predicted = logs.Select(l =>
            {
                double n = l[0], u = l[1] + neutral, p = l[2] + positive;
                return n >= u && n >= p ? Sentiment.Negative : p > u ? Sentiment.Positive : Sentiment.Neutral;
            }).ToList();
            return SentimentScore.Of(truth, predicted).MacroF1;
        }
        raw = Score(0, 0);
        var best = (Neutral: 0, Positive: 0, F1: raw);
        for (var a = -20; a <= 20; a++)
        {
            for (var b = -20; b <= 20; b++)
            {
                var f1 = Score(a * 0.05, b * 0.05);
                var smaller = Math.Abs(a) + Math.Abs(b) < Math.Abs(best.Neutral) + Math.Abs(best.Positive);
                if (f1 > best.F1 + 1e-9 || (Math.Abs(f1 - best.F1) <= 1e-9 && smaller))
                {
                    best = (a, b, f1);
                }
            }
        }
        tuned = best.F1;
        return [0f, best.Neutral * 0.05f, best.Positive * 0.05f];
    }

    private static IEnumerable<SentimentExample> Weighted(IReadOnlyList<LabeledText> texts, float corpusWeight, SentimentLexicon lexicon, Options options)
    {
        var perClass = texts.GroupBy(t => t.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var text in texts)
        {
            var features = SentimentExample.Of(text.Text, Name(text.Label), lexicon, options.Features);
            features.Weight = ExampleWeight(corpusWeight, texts.Count, perClass[text.Label], text.Label, options);
            yield return features;
        }
    }

    public static Evaluation Evaluate(string name, SentimentModel model, IReadOnlyList<LabeledText> test, IReadOnlyList<LabeledText> train) =>
        new(name, Score(model, test), SentimentScore.Majority(train, test));

    public static SentimentScore Score(SentimentModel model, IReadOnlyList<LabeledText> test) =>
        SentimentScore.Of(test.Select(t => t.Label).ToList(), test.Select(t => model.Read(t.Text).Label).ToList());

    public static string Name(Sentiment label) => label.ToString().ToLowerInvariant();
}
