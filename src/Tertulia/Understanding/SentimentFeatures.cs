using Microsoft.ML.Data;

namespace Tertulia.Understanding;

/// <summary>What the sentiment model reads of a text: its normalised words and a few dense signals.</summary>
public sealed class SentimentFeatures
{
    public const int SignalCount = 14;

    public string Text { get; set; } = "";

    [VectorType(SignalCount)]
    public float[] Signals { get; set; } = new float[SignalCount];

    /// <summary>Only set for training: negative, neutral or positive.</summary>
    public string Sentiment { get; set; } = "";

    /// <summary>Only for training: how much this example counts (corpora and classes are balanced).</summary>
    public float Weight { get; set; } = 1;

    public static SentimentFeatures Of(string? text, SentimentLexicon lexicon, string sentiment = "")
    {
        var read = SocialText.Read(text);
        var lex = lexicon.Score(read.Tokens);
        var s = read.Signals;
        return new SentimentFeatures
        {
            Text = read.Text,
            Sentiment = sentiment,
            Signals =
            [
                Squash(lex.Positive), Squash(lex.Negative), Squash(lex.PositiveWords), Squash(lex.NegativeWords),
                Squash(lex.NegatedWords), (float)Math.Clamp(lex.Last, -2, 2) / 2, Squash(lex.Positive - lex.Negative),
                Squash(s.Positive), Squash(s.Negative), Squash(s.Exclamations), Squash(s.Questions),
                Squash(s.Elongated), Squash(s.Shouted), Squash(s.Laughs),
            ],
        };
    }

    /// <summary>Counts and sums into (-1, 1): the first few matter, the tenth much less.</summary>
    private static float Squash(double value) => (float)Math.Tanh(value / 2);
}

/// <summary>What the model says: the probability of negative, neutral and positive, in that order.</summary>
public sealed class SentimentPrediction
{
    [ColumnName("Score")]
    public float[] Probabilities { get; set; } = [];
}
