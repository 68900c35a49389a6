namespace Tertulia.Understanding;

/// <summary>What Tertulia makes of one text.</summary>
public sealed record Understood(string Language, SentimentReading Sentiment, Intent Intent, bool IsSpam);

/// <summary>Language, sentiment, intent and spam of a text, from the models shipped with the app. Thread-safe.</summary>
public sealed class Understander(LanguageDetector languages, SentimentModel sentiment)
{
    /// <summary>
    /// Raise when the language detector, intent or spam rules change in a way that should re-read stored mentions; a
    /// new sentiment model changes <see cref="Version"/> by itself.
    /// </summary>
    public const int RulesVersion = 2;

    /// <summary>
    /// Names these models: stored on each mention (at most 32 characters), so a start with other models re-reads older
    /// mentions. The intent model's fingerprint is in it too: a retrained intent model re-reads them as well.
    /// </summary>
    public string Version { get; } = $"r{RulesVersion}-{sentiment.Fingerprint}-{IntentModel.LoadShipped()?.Fingerprint[..8] ?? "rules"}";

    /// <summary>Loads the shipped models, both at once; the composition root keeps one.</summary>
    public static Understander LoadShipped()
    {
        var tables = Task.Run(LanguageModelTables.Load);
        var model = SentimentModel.LoadShipped();
        return new(new LanguageDetector(tables.GetAwaiter().GetResult()), model);
    }

    public Understood Understand(string? text)
    {
        var reading = sentiment.Read(text);
        var language = languages.Detect(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Understood(language, reading, Intent.Other, false);
        }
        var folded = IntentClassifier.Fold(text);
        return new Understood(language, reading, IntentClassifier.Classify(text, folded, reading), SpamDetector.IsSpam(text, folded));
    }
}
