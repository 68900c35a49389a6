using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Trainers;

namespace Tertulia.Understanding;

/// <summary>
/// Trains the learned part of intent on the labelled customer messages' training part, with a fixed seed, and
/// cross-validates the ways of deciding (rules, model, cues then model) on that same part: the held-out part is not
/// read here.
/// </summary>
public sealed class IntentTrainer(SentimentModel sentiment)
{
    public sealed record Options
    {
        public int Seed { get; init; } = SentimentTrainer.DefaultSeed;
        public float L2 { get; init; } = 0.3f;
        public int MaxIterations { get; init; } = 400;
    }

    /// <summary>What `tertulia train` ships (chosen by <see cref="CrossValidate"/>, docs/understanding.md).</summary>
    public static readonly Options Shipped = new() { L2 = 0.3f };

    /// <summary>Out-of-fold figures of each strategy.</summary>
    public sealed record CrossValidation(IReadOnlyDictionary<IntentClassifier.Strategy, IntentScore> Scores);

    public byte[] Train(IReadOnlyList<CustomerMessage> messages, Options options)
    {
        var lexicon = SentimentLexicon.Load();
        return Fit(Training(messages, lexicon).ToList(), options);
    }

    /// <summary>Stratified k-fold over the training messages: each message is read by models that did not see it.</summary>
    public CrossValidation CrossValidate(IReadOnlyList<CustomerMessage> messages, Options options, int folds = SentimentTrainer.DefaultFolds)
    {
        var training = messages.Where(m => !m.HeldOut).ToList();
        var assigned = StratifiedByIntent(training, folds, options.Seed);
        var strategies = Enum.GetValues<IntentClassifier.Strategy>();
        var predicted = strategies.ToDictionary(s => s, _ => new Intent[training.Count]);
        for (var fold = 0; fold < folds; fold++)
        {
            var inFold = training.Where((_, i) => assigned[i] != fold).ToList();
            var model = IntentModel.Load(new MemoryStream(Train(inFold, options)));
            for (var i = 0; i < training.Count; i++)
            {
                if (assigned[i] != fold)
                {
                    continue;
                }
                var text = training[i].Text;
                var folded = IntentClassifier.Fold(text);
                var reading = sentiment.Read(text);
                foreach (var strategy in strategies)
                {
                    predicted[strategy][i] = IntentClassifier.Classify(text, folded, reading, model, strategy);
                }
            }
        }
        var truth = training.Select(m => m.Label).ToList();
        return new CrossValidation(strategies.ToDictionary(s => s, s => IntentScore.Of(truth, predicted[s])));
    }

    /// <summary>Each message's fold: shuffled with the seed within each intent, then dealt round-robin.</summary>
    private static int[] StratifiedByIntent(IReadOnlyList<CustomerMessage> messages, int folds, int seed)
    {
        var random = new Random(seed);
        var assigned = new int[messages.Count];
        foreach (var group in messages.Select((m, i) => (m.Label, i)).GroupBy(x => x.Label).OrderBy(g => g.Key))
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

    /// <summary>Every intent weighs the same in total, however many messages it has.</summary>
    private IEnumerable<IntentExample> Training(IReadOnlyList<CustomerMessage> messages, SentimentLexicon lexicon)
    {
        var perClass = messages.GroupBy(m => m.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var message in messages)
        {
            var folded = IntentClassifier.Fold(message.Text);
            var (indices, values) = IntentModel.Features(message.Text, folded, sentiment.Read(message.Text), lexicon);
            yield return new IntentExample
            {
                Features = new VBuffer<float>(IntentModel.Dimension, indices.Length, values, indices),
                Intent = IntentModel.Name(message.Label),
                Weight = messages.Count / (float)(perClass.Count * perClass[message.Label]),
            };
        }
    }

    private static byte[] Fit(IReadOnlyList<IntentExample> rows, Options options)
    {
        var ml = new MLContext(seed: options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IntentExample.Intent), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                FeatureColumnName = nameof(IntentExample.Features),
                ExampleWeightColumnName = nameof(IntentExample.Weight),
                L2Regularization = options.L2,
                NumberOfThreads = 1, // the same seed and data give the very same weights
                MaximumNumberOfIterations = options.MaxIterations,
            }))
            .Fit(data);
        using var bytes = new MemoryStream();
        ml.Model.Save(model, data.Schema, bytes);
        return bytes.ToArray();
    }
}
