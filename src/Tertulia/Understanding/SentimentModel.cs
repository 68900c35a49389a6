using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Tertulia.Understanding;

/// <summary>
/// The trained sentiment model shipped in the build (Understanding/Models/sentiment.zip, made by `tertulia train`).
/// Thread-safe: prediction engines are pooled, one per concurrent caller.
/// </summary>
public sealed class SentimentModel
{
    public const string ResourceName = "Understanding/Models/sentiment.zip";

    private readonly SentimentLexicon _lexicon;
    private readonly ObjectPool<PredictionEngine<SentimentFeatures, SentimentPrediction>> _engines;

    public SentimentModel(MLContext ml, ITransformer model, SentimentLexicon lexicon)
    {
        _lexicon = lexicon;
        _engines = new DefaultObjectPool<PredictionEngine<SentimentFeatures, SentimentPrediction>>(
            new EnginePolicy(ml, model), Environment.ProcessorCount * 2);
    }

    /// <summary>Loads the model the build ships.</summary>
    public static SentimentModel LoadShipped()
    {
        using var stream = typeof(SentimentModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sentiment model {ResourceName} is missing from the build: run `tertulia train`.");
        return Load(stream);
    }

    public static SentimentModel Load(Stream stream)
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(stream, out _);
        return new SentimentModel(ml, model, SentimentLexicon.Load());
    }

    public SentimentReading Read(string? text)
    {
        var features = SentimentFeatures.Of(text, _lexicon);
        if (features.Text.Length == 0)
        {
            // Nothing to go by (no words, no emoji): say so rather than guess.
            return new SentimentReading(Sentiment.Neutral, 0, 0, 1, 0);
        }
        var engine = _engines.Get();
        try
        {
            var p = engine.Predict(features).Probabilities;
            var label = p[0] >= p[1] && p[0] >= p[2] ? Sentiment.Negative : p[2] > p[1] ? Sentiment.Positive : Sentiment.Neutral;
            return new SentimentReading(label, Math.Round(p[2] - p[0], 3), p[0], p[1], p[2]);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model)
        : IPooledObjectPolicy<PredictionEngine<SentimentFeatures, SentimentPrediction>>
    {
        public PredictionEngine<SentimentFeatures, SentimentPrediction> Create() =>
            ml.Model.CreatePredictionEngine<SentimentFeatures, SentimentPrediction>(model);

        public bool Return(PredictionEngine<SentimentFeatures, SentimentPrediction> obj) => true;
    }
}
