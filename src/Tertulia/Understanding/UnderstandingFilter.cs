namespace Tertulia.Understanding;

/// <summary>The `sentiment=`, `intent=` and `lang=` filters of the mention list, read from what a person typed.</summary>
public sealed record UnderstandingFilter(Sentiment? Sentiment, Intent? Intent, string? Language)
{
    public static bool TryParse(string? sentiment, string? intent, string? language, out UnderstandingFilter filter, out string error)
    {
        filter = new UnderstandingFilter(null, null, null);
        error = "";
        Sentiment? s = null;
        Intent? i = null;
        if (!string.IsNullOrWhiteSpace(sentiment))
        {
            if (!Enum.TryParse<Sentiment>(sentiment.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(sentiment, out _))
            {
                error = "sentiment must be negative, neutral or positive.";
                return false;
            }
            s = parsed;
        }
        if (!string.IsNullOrWhiteSpace(intent))
        {
            if (!Enum.TryParse<Intent>(intent.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(intent, out _))
            {
                error = "intent must be complaint, question, suggestion, praise or other.";
                return false;
            }
            i = parsed;
        }
        var lang = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        if (lang is { Length: > 16 })
        {
            error = "lang must be a language code such as es or en.";
            return false;
        }
        filter = new UnderstandingFilter(s, i, lang);
        return true;
    }
}
