namespace Tertulia.Understanding;

/// <summary>How a text feels. The numbers are the labels of the InterTASS and SemEval files (0, 1, 2).</summary>
public enum Sentiment
{
    Negative = 0,
    Neutral = 1,
    Positive = 2,
}

/// <summary>A sentiment with its score: from -1 (surely negative) to +1 (surely positive), P(positive) − P(negative).</summary>
public readonly record struct SentimentReading(Sentiment Label, double Score, float Negative, float Neutral, float Positive);
