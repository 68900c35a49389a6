using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Tertulia.Understanding;

/// <summary>
/// The trained sentiment model shipped in the build (Understanding/Models/sentiment.zip, an ML.NET model made by
/// `tertulia train`). Its weights are read out once at load and scored directly: a sparse dot product per class,
/// with no per-call ML.NET machinery, so reading is thread-safe and allocates little.
/// </summary>
public sealed class SentimentModel
{
    public const string ResourceName = "Understanding/Models/sentiment.zip";

    /// <summary>Zip entries Tertulia adds beside ML.NET's own: the features the model reads and the class offsets.</summary>
    public const string FeaturesEntry = "Tertulia/features.tsv";
    public const string OffsetsEntry = "Tertulia/class-offsets.tsv";
    /// <summary>A second ML.NET model inside the first (an ensemble): the two models' probabilities are averaged.</summary>
    public const string SecondModelEntry = "Tertulia/second-model.zip";

    private readonly SentimentLexicon _lexicon;
    /// <summary>One or more linear models over the same features; their probabilities are averaged.</summary>
    private readonly (float[][] Weights, float[] Biases)[] _members;

    /// <summary>The first 12 hex digits of the model file's SHA-256: changes with every retrained model.</summary>
    public string Fingerprint { get; private init; } = "";

    /// <summary>The features this model reads.</summary>
    public FeatureSet Features { get; }

    /// <summary>
    /// Added to each class's score (negative, neutral, positive) before the softmax: tuned on cross-validation of the
    /// training data so that the three classes are found about as often as they occur (the figure is macro-F1).
    /// </summary>
    public IReadOnlyList<float> Offsets => _offsets;

    private readonly float[] _offsets;

    internal SentimentModel(SentimentLexicon lexicon, float[][] weights, float[] biases, FeatureSet features, float[] offsets)
        : this(lexicon, [(weights, biases)], features, offsets)
    {
    }

    internal SentimentModel(SentimentLexicon lexicon, (float[][] Weights, float[] Biases)[] members, FeatureSet features, float[] offsets)
    {
        _lexicon = lexicon;
        _members = members;
        Features = features;
        _offsets = offsets;
    }

    /// <summary>How many linear models are averaged (2 for an ensemble).</summary>
    public int Members => _members.Length;

    /// <summary>The same weights read with other class offsets.</summary>
    internal SentimentModel WithOffsets(float[] offsets) => new(_lexicon, _members, Features, offsets) { Fingerprint = Fingerprint };

    /// <summary>Loads the model the build ships.</summary>
    public static SentimentModel LoadShipped()
    {
        using var stream = typeof(SentimentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sentiment model {ResourceName} is missing from the build: run `tertulia train`.");
        return Load(stream);
    }

    public static SentimentModel Load(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        var (features, offsets, second) = ReadExtras(copy);
        copy.Position = 0;
        (float[][], float[])[] members = second is null ? [ReadWeights(copy)] : [ReadWeights(copy), ReadWeights(new MemoryStream(second))];
        if (features.StemLexicon)
        {
            StemLexicon.Load(); // at load, not on the first text read
        }
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(copy.ToArray()))[..12];
        return new SentimentModel(SentimentLexicon.Load(), members, features, offsets) { Fingerprint = fingerprint };
    }

    /// <summary>Writes an ML.NET model file with the feature settings and class offsets added to it.</summary>
    public static byte[] WithExtras(byte[] mlNetModel, FeatureSet features, IReadOnlyList<float> offsets, byte[]? secondModel = null)
    {
        using var stream = new MemoryStream();
        stream.Write(mlNetModel);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            Write(zip, FeaturesEntry, features.Save());
            Write(zip, OffsetsEntry, string.Join('\t', offsets.Select(o => o.ToString("R", CultureInfo.InvariantCulture))));
            if (secondModel is not null)
            {
                using var second = Entry(zip, SecondModelEntry).Open();
                second.Write(secondModel);
            }
        }
        return stream.ToArray();

        static void Write(ZipArchive zip, string name, string text)
        {
            using var writer = new StreamWriter(Entry(zip, name).Open());
            writer.Write(text);
        }

        static ZipArchiveEntry Entry(ZipArchive zip, string name)
        {
            zip.GetEntry(name)?.Delete();
            // A fixed time stamp: the same training gives the very same bytes.
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            return entry;
        }
    }

    private static (FeatureSet, float[], byte[]?) ReadExtras(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var features = zip.GetEntry(FeaturesEntry) is { } f ? FeatureSet.Parse(ReadText(f)) : new FeatureSet();
        var offsets = zip.GetEntry(OffsetsEntry) is { } o
            ? ReadText(o).Split('\t').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()
            : new float[3];
        if (offsets.Length != 3)
        {
            throw new InvalidDataException($"The sentiment model has {offsets.Length} class offsets; expected 3.");
        }
        byte[]? second = null;
        if (zip.GetEntry(SecondModelEntry) is { } m)
        {
            using var bytes = new MemoryStream();
            using (var entry = m.Open())
            {
                entry.CopyTo(bytes);
            }
            second = bytes.ToArray();
        }
        return (features, offsets, second);

        static string ReadText(ZipArchiveEntry entry)
        {
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }
    }

    internal static (float[][] Weights, float[] Biases) ReadWeights(Stream stream) =>
        ReadWeights(stream, 3, SentimentFeatures.Dimension, "sentiment");

    /// <summary>The weights and biases of an ML.NET maximum-entropy model, one dense row per class.</summary>
    internal static (float[][] Weights, float[] Biases) ReadWeights(Stream stream, int expectedClasses, int dimension, string what)
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(stream, out _);
        var last = model is IEnumerable<ITransformer> chain ? chain.Last() : model;
        if (last is not MulticlassPredictionTransformer<MaximumEntropyModelParameters> predictor)
        {
            throw new InvalidDataException($"The {what} model ends in {last.GetType().Name}, not a maximum-entropy classifier.");
        }
        VBuffer<float>[] rows = [];
        predictor.Model.GetWeights(ref rows, out var classes);
        if (classes != expectedClasses || rows.Any(r => r.Length != dimension))
        {
            throw new InvalidDataException($"The {what} model has {classes} classes of {rows.FirstOrDefault().Length} features; expected {expectedClasses} of {dimension}.");
        }
        return (rows.Select(r => r.DenseValues().ToArray()).ToArray(), predictor.Model.GetBiases().ToArray());
    }

    /// <summary>Texts longer than a post are read in post-sized pieces, whose probabilities are averaged by length.</summary>
    public const int PieceLength = 280;

    public SentimentReading Read(string? text)
    {
        if (text is null || text.Length <= PieceLength * 3 / 2)
        {
            return ReadPiece(text);
        }
        // A model trained on tweets reads an article best a few sentences at a time.
        double negative = 0, neutral = 0, positive = 0, total = 0;
        foreach (var piece in Pieces(text.Length > SocialText.MaxChars ? text[..SocialText.MaxChars] : text))
        {
            var reading = ReadPiece(piece);
            negative += reading.Negative * piece.Length;
            neutral += reading.Neutral * piece.Length;
            positive += reading.Positive * piece.Length;
            total += piece.Length;
        }
        return Reading((float)(negative / total), (float)(neutral / total), (float)(positive / total));
    }

    /// <summary>Pieces of about <see cref="PieceLength"/> characters, cut after a sentence ends where possible.</summary>
    internal static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + PieceLength);
            if (end < text.Length)
            {
                var cut = text.AsSpan(start, end - start).LastIndexOfAny(".!?\n");
                end = cut > PieceLength / 3 ? start + cut + 1 : end;
            }
            yield return text[start..end];
            start = end;
        }
    }

    private SentimentReading ReadPiece(string? text)
    {
        var (indices, values) = SentimentFeatures.Of(text, _lexicon, Features);
        if (indices.Length == 0)
        {
            // Nothing to go by (no words, no emoji): say so rather than guess.
            return new SentimentReading(Sentiment.Neutral, 0, 0, 1, 0);
        }
        Span<double> probabilities = stackalloc double[3];
        Span<double> scores = stackalloc double[3];
        foreach (var (weights, biases) in _members)
        {
            for (var c = 0; c < 3; c++)
            {
                var w = weights[c];
                double sum = biases[c] + _offsets[c];
                for (var k = 0; k < indices.Length; k++)
                {
                    sum += w[indices[k]] * values[k];
                }
                scores[c] = sum;
            }
            var max = Math.Max(scores[0], Math.Max(scores[1], scores[2]));
            var total = 0.0;
            for (var c = 0; c < 3; c++)
            {
                scores[c] = Math.Exp(scores[c] - max);
                total += scores[c];
            }
            for (var c = 0; c < 3; c++)
            {
                probabilities[c] += scores[c] / total / _members.Length;
            }
        }
        return Reading((float)probabilities[0], (float)probabilities[1], (float)probabilities[2]);
    }

    private static SentimentReading Reading(float negative, float neutral, float positive)
    {
        var label = negative >= neutral && negative >= positive ? Sentiment.Negative : positive > neutral ? Sentiment.Positive : Sentiment.Neutral;
        return new SentimentReading(label, Math.Round(positive - negative, 3), negative, neutral, positive);
    }
}
