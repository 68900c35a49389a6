namespace Tertulia.Understanding;

/// <summary>What Tertulia makes of one text.</summary>
public sealed record Understood(string Language, SentimentReading Sentiment, Intent Intent, bool IsSpam);

/// <summary>Language, sentiment, intent and spam of a text, from the models shipped with the app. Thread-safe.</summary>
public sealed class Understander(LanguageDetector languages, SentimentModel sentiment)
{
    /// <summary>Loads the shipped models (about half a second); the composition root keeps one.</summary>
    public static Understander LoadShipped() =>
        new(new LanguageDetector(LanguageModelTables.Load()), SentimentModel.LoadShipped());

    public Understood Understand(string? text)
    {
        var reading = sentiment.Read(text);
        return new Understood(
            languages.Detect(text),
            reading,
            IntentClassifier.Classify(text, reading),
            SpamDetector.IsSpam(text));
    }
}
