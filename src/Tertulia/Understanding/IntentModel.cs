using Microsoft.ML.Data;

namespace Tertulia.Understanding;

/// <summary>
/// The learned part of intent (Understanding/Models/intent.zip, made by `tertulia train` from the labelled customer
/// messages): a maximum-entropy model over the words and character n-grams of the text, the sentiment reading, and
/// the intent rules' cues and verdict as features, so the rules count where they are right and are overruled where
/// the words say otherwise. Scored directly from its weights, like <see cref="SentimentModel"/>.
/// </summary>
public sealed class IntentModel
{
    public const string ResourceName = "Understanding/Models/intent.zip";

    /// <summary>The words are read as the first sentiment model read them: no stem lexicon, no language copies.</summary>
    internal static readonly FeatureSet TextFeatures = new();

    /// <summary>Rule cues, rule verdict (one-hot), sentiment probabilities and broad markers, after the text's hashed features.</summary>
    public const int SignalCount = 20;
    public const int Dimension = SentimentFeatures.Dimension + SignalCount;

    /// <summary>The classes in the order ML.NET numbers them (label names sorted by value).</summary>
    internal static readonly Intent[] Classes = [.. Enum.GetValues<Intent>().OrderBy(Name, StringComparer.Ordinal)];

    private readonly float[][] _weights;
    private readonly float[] _biases;
    private readonly SentimentLexicon _lexicon = SentimentLexicon.Load();

    public string Fingerprint { get; private init; } = "";

    internal IntentModel(float[][] weights, float[] biases) => (_weights, _biases) = (weights, biases);

    private static readonly Lazy<IntentModel?> Shipped = new(() =>
    {
        using var stream = typeof(IntentModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : Load(stream);
    });

    /// <summary>The model the build ships, or null in a build without one (then the rules alone decide).</summary>
    public static IntentModel? LoadShipped() => Shipped.Value;

    public static IntentModel Load(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        var (weights, biases) = SentimentModel.ReadWeights(copy, Classes.Length, Dimension, "intent");
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy.ToArray()))[..12];
        return new IntentModel(weights, biases) { Fingerprint = fingerprint };
    }

    public Intent Read(string text, string folded, SentimentReading sentiment)
    {
        var (indices, values) = Features(text, folded, sentiment, _lexicon);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < Classes.Length; c++)
        {
            var w = _weights[c];
            double sum = _biases[c];
            for (var k = 0; k < indices.Length; k++)
            {
                sum += w[indices[k]] * values[k];
            }
            if (sum > bestScore)
            {
                (best, bestScore) = (c, sum);
            }
        }
        return Classes[best];
    }

    internal static (int[] Indices, float[] Values) Features(string text, string folded, SentimentReading sentiment, SentimentLexicon lexicon)
    {
        var (indices, values) = SentimentFeatures.Of(text, lexicon, TextFeatures);
        var cues = IntentClassifier.Cues(text, folded);
        var verdict = IntentClassifier.ClassifyByRules(text, folded, sentiment);
        Span<float> signals =
        [
            cues.Complaint ? 1 : 0, cues.Suggestion ? 1 : 0, cues.Question ? 1 : 0, cues.Praise ? 1 : 0, cues.Personal ? 1 : 0,
            text.Contains('¿') ? 1 : 0, text.TrimEnd().EndsWith('?') ? 1 : 0,
            sentiment.Negative, sentiment.Neutral, sentiment.Positive,
            verdict == Intent.Complaint ? 1 : 0, verdict == Intent.Suggestion ? 1 : 0, verdict == Intent.Question ? 1 : 0,
            verdict == Intent.Praise ? 1 : 0, verdict == Intent.Other ? 1 : 0,
            text.Length > IntentClassifier.MaxFeelingLength ? 1 : 0,
            IntentMarkers.Wish(folded) ? 1 : 0, IntentMarkers.Problem(folded) ? 1 : 0, IntentMarkers.Conditional(folded) ? 1 : 0,
            sentiment.Negative * (IntentMarkers.Problem(folded) ? 1 : 0),
        ];
        var allIndices = new int[indices.Length + SignalCount];
        var allValues = new float[indices.Length + SignalCount];
        indices.CopyTo(allIndices, 0);
        values.CopyTo(allValues, 0);
        var n = indices.Length;
        for (var s = 0; s < SignalCount; s++)
        {
            if (signals[s] != 0)
            {
                allIndices[n] = SentimentFeatures.Dimension + s;
                allValues[n++] = signals[s];
            }
        }
        return (allIndices[..n], allValues[..n]);
    }

    internal static string Name(Intent intent) => intent.ToString().ToLowerInvariant();
}

/// <summary>One intent training example as ML.NET reads it.</summary>
public sealed class IntentExample
{
    [VectorType(IntentModel.Dimension)]
    public VBuffer<float> Features { get; set; }

    public string Intent { get; set; } = "";

    public float Weight { get; set; } = 1;
}
