using Tertulia.Ingestion;
using Tertulia.Mentions;

namespace Tertulia.Understanding;

/// <summary>The ingestion step that gives every new mention its language, sentiment, score, intent and spam flag.</summary>
public sealed class UnderstandingEnricher(Understander understander) : IMentionEnricher
{
    public void Enrich(Mention mention)
    {
        var text = mention.Title is { Length: > 0 } title && mention.Kind == MentionKind.Post
            ? $"{title}.\n{mention.Text}"
            : mention.Text;
        var understood = understander.Understand(text);
        // The text itself is a better witness than a feed's language, which is the blog's, not each commenter's.
        if (understood.Language != LanguageDetector.Undetermined)
        {
            mention.Language = understood.Language;
        }
        mention.Sentiment = understood.Sentiment.Label;
        mention.SentimentScore = understood.Sentiment.Score;
        mention.Intent = understood.Intent;
        mention.IsSpam = understood.IsSpam;
        mention.UnderstoodWith = understander.Version;
    }
}
